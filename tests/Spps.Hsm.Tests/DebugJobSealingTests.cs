using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Crypto;
using Spps.Hsm.Handshake;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// A DEBUG target of an HSM job (docs/security.md, "HSM jobs"): the U-HSM decides its secrets from the type alone —
/// the key mode's user encryption key and the debug pass key, no KIP, nothing else. Attacks first: what an enrolled
/// client could ask of the operation (other keys, another key mode, components, tickets of another action, another
/// M-HSM's reply); then what the bound M-HSM opens, and that no other module can.
/// </summary>
public sealed class DebugJobSealingTests : HsmJobSealingTest
{
    private static readonly BitstreamHeader _debug = Header(BitstreamType.Debug);

    private readonly Dictionary<string, byte[]> _imported = new()
    {
        ["UEK1"] = RandomNumberGenerator.GetBytes(32),
        ["UEK2"] = RandomNumberGenerator.GetBytes(32),
        ["DPK"] = RandomNumberGenerator.GetBytes(32),
        ["UEK1_BASE"] = RandomNumberGenerator.GetBytes(32),
        ["DPK_BASE"] = RandomNumberGenerator.GetBytes(32),
    };

    // A task with a DEBUG ticket for dev1, a PROGRAM ticket for dev1 too (a client may name it), and a DEBUG ticket of another target.
    private SealHsmJobTargetRequest Sample(WrappedKeyset? keyset = null)
    {
        var content = Content(Ticket("debug_t", "DEBUG", null, "NONE"), Ticket("program_t"), Ticket("other_debug", "DEBUG", null, "NONE") with { Device = "dev2" });
        var request = User.SignJobRequest(content);
        return new SealHsmJobTargetRequest
        {
            Request = request.Container,
            Reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer,
            MHsmUuid = Cm.Identity.MHsmUuid,
            Target = "dev1",
            TicketIds = [content.Tickets[0].TicketId],
            Header = _debug,
            Components = [],
            Keyset = keyset ?? User.CreateKeyset(new(_imported, null)),
            AuthKeyMode = "UEK1",
        };
    }

    private static IReadOnlyList<string> TicketsOf(SealHsmJobTargetRequest request, string name) =>
        [.. Document(request).Tickets.Where(ticket => ticket.Name == name).Select(ticket => ticket.TicketId)];

    [Fact]
    public void A_debug_seal_that_names_keys_is_refused_the_hsm_decides_them_from_the_type()
    {
        var sample = Sample();
        Assert.Equal("POLICY", Refused(sample with { ProgrammedKeys = ["DPK"] }));
        Assert.Equal("POLICY", Refused(sample with { ProgrammedKeys = ["UEK2"] }));
        Assert.Equal("POLICY", Refused(sample with { UniqueKeyTypes = ["UEK2"] }));
        Assert.Equal("POLICY", Refused(sample with { UniqueKeyTypes = ["UPK1"] }));
        Assert.Equal("POLICY", Refused(sample with { UniqueKeyTypes = ["KIP"] }));
        Assert.Equal("POLICY", Refused(sample with { PolicyFlags = 1 }));
        Assert.Equal("POLICY", Refused(sample with { GenerateCoc = true }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UEK3")]
    [InlineData("KFP")]
    [InlineData("DFK")]
    [InlineData("KIP")]
    [InlineData("DPK")]
    [InlineData("uek1")]
    public void A_key_mode_other_than_uek1_or_uek2_is_refused(string? keyMode) =>
        Assert.Equal("POLICY", Refused(Sample() with { AuthKeyMode = keyMode }));

    [Fact]
    public void Uek2_when_the_keyset_has_none_is_refused()
    {
        var withoutUek2 = User.CreateKeyset(new(_imported.Where(pair => pair.Key != "UEK2").ToDictionary(), null));
        var sample = Sample(withoutUek2 with { WrappedKeys = withoutUek2.WrappedKeys.Where(pair => pair.Key != "UEK2").ToDictionary() });
        Assert.Equal("BADREQUEST", Refused(sample with { AuthKeyMode = "UEK2" }));
    }

    [Fact]
    public void Components_in_a_debug_target_are_refused()
    {
        var sample = Sample();
        Assert.Equal("POLICY", Refused(sample with { Components = [new PlainComponent(ComponentType.Fabric, new byte[64])] }));
        Assert.Equal("POLICY", Refused(sample with { Components = [new PlainComponent(ComponentType.EndOfBitstream, [])] }));
        Assert.Equal("POLICY", Refused(sample with { Components = [new PlainComponent(ComponentType.Keys, new byte[64])] }));
    }

    [Fact]
    public void A_debug_seal_for_tickets_that_are_not_debug_tickets_of_the_request_for_this_target_is_refused()
    {
        var sample = Sample();
        Assert.Equal("POLICY", Refused(sample with { TicketIds = TicketsOf(sample, "program_t") }));
        Assert.Equal("POLICY", Refused(sample with { TicketIds = [sample.TicketIds[0], .. TicketsOf(sample, "program_t")] }));
        Assert.Equal("POLICY", Refused(sample with { TicketIds = TicketsOf(sample, "other_debug") }));
        Assert.Equal("POLICY", Refused(sample with { TicketIds = [NewTicketId()] }));
        Assert.Equal("POLICY", Refused(sample with { TicketIds = [] }));
    }

    [Fact]
    public void A_debug_ticket_on_a_master_or_update_target_is_refused()
    {
        var sample = Sample();
        var master = sample with
        {
            Header = _debug with { TypeCode = (byte)BitstreamType.Master },
            Components = [new PlainComponent(ComponentType.Fabric, new byte[64]), new PlainComponent(ComponentType.EndOfBitstream, [])],
            AuthKeyMode = "KFP",
        };
        Assert.Equal("POLICY", Refused(master));
        Assert.Equal("POLICY", Refused(master with { Header = _debug with { TypeCode = (byte)BitstreamType.Uek1 }, AuthKeyMode = null }));
    }

    [Fact]
    public void Another_m_hsm_s_reply_is_refused()
    {
        var sample = Sample();
        var other = HsmModule.Create(Folder.Combine("cm_b"), world: World);
        Assert.Equal("NOT_BOUND_MHSM", Refused(sample with { Reply = other.ManufacturerRole().ProcessJobRequest(sample.Request).ReplyContainer }));
    }

    [Fact]
    public void The_bound_m_hsm_opens_exactly_the_type_protocol_key_mode_uek_and_dpk_and_no_other_module_can()
    {
        var other = HsmModule.Create(Folder.Combine("cm_b"), world: World);
        var sample = Sample();
        other.ManufacturerRole().ProcessJobRequest(sample.Request);
        var sealedTarget = User.SealHsmJobTarget(sample);

        using (var secrets = Open(Cm, sample, sealedTarget))
        {
            Assert.Equal([TaskSecrets.Type, TaskSecrets.Protocol, TaskSecrets.KeyMode, "UEK1", "DPK"], secrets.Names);
            Assert.Equal(("DEBUG", "ONE_TIME_PASSCODE", "UEK1"), (secrets.Text(TaskSecrets.Type), secrets.Text(TaskSecrets.Protocol), secrets.Text(TaskSecrets.KeyMode)));
            Assert.Equal(_imported["UEK1"], secrets.Value("UEK1"));
            Assert.Equal(_imported["DPK"], secrets.Value("DPK"));
        }

        Assert.Empty(BitstreamFormat.Read(sealedTarget.Bitstream.Bytes).Components);
        Assert.Equal("NOT_BOUND_HERE", Assert.Throws<HsmException>(() => Open(other, sample, sealedTarget)).Code);
        Assert.Contains(Oem.Store.ReadAudit(), entry => entry.Operation == "seal_hsm_job_target" && entry.Result.StartsWith("ok: DEBUG of target 'dev1'", StringComparison.Ordinal));
    }

    [Fact]
    public void Per_device_keys_go_as_base_keys_or_with_a_dsn_as_that_device_s_keys()
    {
        var perDevice = Sample() with { UniqueKeyTypes = ["UEK1", "DPK"] };
        using (var secrets = Open(Cm, perDevice, User.SealHsmJobTarget(perDevice)))
        {
            Assert.Equal([TaskSecrets.Type, TaskSecrets.Protocol, TaskSecrets.KeyMode, "UEK1_BASE", "DPK_BASE"], secrets.Names);
            Assert.Equal(_imported["DPK_BASE"], secrets.Value("DPK_BASE"));
        }

        var uek2 = Sample() with { AuthKeyMode = "UEK2", UniqueKeyTypes = ["DPK"] };
        using (var secrets = Open(Cm, uek2, User.SealHsmJobTarget(uek2)))
        {
            Assert.Equal([TaskSecrets.Type, TaskSecrets.Protocol, TaskSecrets.KeyMode, "UEK2", "DPK_BASE"], secrets.Names);
            Assert.Equal(_imported["UEK2"], secrets.Value("UEK2"));
        }

        var dsn = RandomNumberGenerator.GetBytes(16);
        var device = perDevice with { Header = _debug with { Dsn = dsn } };
        using var deviceSecrets = Open(Cm, device, User.SealHsmJobTarget(device));
        var hex = Convert.ToHexString(dsn);
        Assert.Equal([TaskSecrets.Type, TaskSecrets.Protocol, TaskSecrets.KeyMode, $"UEK1@{hex}", $"DPK@{hex}"], deviceSecrets.Names);
        var expected = new byte[32];
        DeviceKeyDerivation.Derive(_imported["DPK_BASE"], "DPK", dsn, expected);
        Assert.Equal(expected, deviceSecrets.Value($"DPK@{hex}"));
    }
}
