using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Handshake;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Protocol;
using Spps.Testing;

namespace Spps.Hsm.Tests;

/// <summary>
/// The U-HSM's HSM job operation and the M-HSM's opening of its secrets (docs/security.md, "HSM jobs"): attacks first
/// — a reply the HSM did not verify, another task's, another world's, tickets not the request's, another module's
/// keyset, keys asked for in the bitstream — then the binding: only the M-HSM that processed the request opens the
/// secrets, not another M-HSM that processed the same request, and no key value leaves the HSM.
/// </summary>
public sealed class HsmJobSealingTests : HsmJobSealingTest
{
    private static readonly BitstreamHeader _master = Header(BitstreamType.Master);

    private readonly Dictionary<string, byte[]> _imported = new()
    {
        ["UPK1"] = RandomNumberGenerator.GetBytes(32),
        ["UEK1"] = RandomNumberGenerator.GetBytes(32),
        ["UEK2"] = RandomNumberGenerator.GetBytes(32),
        ["UEK1_BASE"] = RandomNumberGenerator.GetBytes(32),
    };

    private readonly byte[] _fabric = RandomNumberGenerator.GetBytes(4096);

    private (SignedJobRequest Request, byte[] Reply, JobRequestContent Content) Bound(HsmModule manufacturer)
    {
        var content = Content(Ticket("program_t"), Ticket("verify_t", "VERIFY"), Ticket("other_target") with { Device = "dev2" });
        var request = User.SignJobRequest(content);
        return (request, manufacturer.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer, content);
    }

    private SealHsmJobTargetRequest Target(SignedJobRequest request, byte[] reply, JobRequestContent content, WrappedKeyset keyset) => new()
    {
        Request = request.Container,
        Reply = reply,
        MHsmUuid = Cm.Identity.MHsmUuid,
        Target = "dev1",
        TicketIds = [.. content.Tickets.Where(ticket => ticket.Device == "dev1").Select(ticket => ticket.TicketId)],
        Header = _master,
        Components = [new PlainComponent(ComponentType.Fabric, _fabric), new PlainComponent(ComponentType.EndOfBitstream, [])],
        Keyset = keyset,
        ProgrammedKeys = ["UPK1", "UEK1"],
        AuthKeyMode = "KFP",
        GenerateCoc = true,
    };

    private SealHsmJobTargetRequest Sample(HsmModule? manufacturer = null)
    {
        var (request, reply, content) = Bound(manufacturer ?? Cm);
        return Target(request, reply, content, User.CreateKeyset(new(_imported, null)));
    }

    [Fact]
    public void A_reply_to_another_request_is_refused()
    {
        var sample = Sample();
        var (_, otherReply, _) = Bound(Cm);
        Assert.Equal("NOT_THIS_REQUEST", Refused(sample with { Reply = otherReply }));
    }

    [Fact]
    public void A_genuine_reply_of_another_m_hsm_than_the_task_is_bound_to_is_refused()
    {
        var sample = Sample();
        var other = HsmModule.Create(Folder.Combine("cm_b"), world: World);
        var otherReply = other.ManufacturerRole().ProcessJobRequest(sample.Request).ReplyContainer;
        Assert.Equal("NOT_BOUND_MHSM", Refused(sample with { Reply = otherReply }));
    }

    [Fact]
    public void A_reply_whose_task_key_was_replaced_is_refused_however_it_is_signed()
    {
        var sample = Sample();
        using var attackerTaskKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        void Swap(System.Text.Json.Nodes.JsonObject json) => json["taskPublicKey"] = Convert.ToBase64String(attackerTaskKey.ExportSubjectPublicKeyInfo());
        Assert.Equal("BAD_SIGNATURE", Refused(sample with { Reply = HandshakeForgery.ChangeJson(sample.Reply, "reply.json", Swap) }));
        using var attackerSigner = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal("BAD_SIGNATURE", Refused(sample with { Reply = HandshakeForgery.ChangeJson(sample.Reply, "reply.json", Swap, attackerSigner) }));
    }

    [Fact]
    public void A_request_and_reply_of_another_world_are_refused()
    {
        var sample = Sample();
        var foreign = Stranger.UserRole("stranger").SignJobRequest(Content());
        var foreignReply = Stranger.ManufacturerRole().ProcessJobRequest(foreign.Container).ReplyContainer;
        Assert.Equal("NOT_OUR_REQUEST", Refused(sample with { Request = foreign.Container, Reply = foreignReply }));
        Assert.Equal("FOREIGN_WORLD", Refused(sample with { Reply = foreignReply }));
    }

    [Fact]
    public void Tickets_not_the_request_s_for_this_target_are_refused()
    {
        var sample = Sample();
        Assert.Equal("POLICY", Refused(sample with { TicketIds = [NewTicketId()] }));
        Assert.Equal("POLICY", Refused(sample with { TicketIds = [sample.TicketIds[0], sample.TicketIds[0]] }));
        Assert.Equal("POLICY", Refused(sample with { TicketIds = [] }));
        Assert.Equal("POLICY", Refused(sample with { Target = "dev2" }));
    }

    [Fact]
    public void A_keyset_of_another_module_is_refused()
    {
        var sample = Sample();
        Assert.Equal("FOREIGN_KEYSET", Refused(sample with { Keyset = Stranger.UserRole("stranger").CreateKeyset(new(_imported, null)) }));
    }

    [Fact]
    public void Keys_asked_for_in_the_bitstream_or_another_type_or_key_mode_are_refused()
    {
        var sample = Sample();
        Assert.Equal("POLICY", Refused(sample with { Components = [new PlainComponent(ComponentType.Keys, new byte[4])] }));
        Assert.Equal("POLICY", Refused(sample with { Header = _master with { TypeCode = (byte)BitstreamType.TrustedFacility } }));
        Assert.Equal("POLICY", Refused(sample with { Header = _master with { TypeCode = (byte)BitstreamType.KeyRotation } }));
        Assert.Equal("POLICY", Refused(sample with { AuthKeyMode = "KLK" }));
        Assert.Equal("POLICY", Refused(sample with { AuthKeyMode = null }));
        Assert.Equal("POLICY", Refused(sample with { ProgrammedKeys = ["KIP"] }));
        Assert.Equal("POLICY", Refused(sample with { ProgrammedKeys = ["UEK1_BASE"] }));
        Assert.Equal("POLICY", Refused(sample with { Header = _master with { Dsn = new byte[16] } }));
        Assert.Equal("POLICY", Refused(sample with { PolicyFlags = 0x8000 }));
    }

    /// <summary>
    /// Attack (embedded API): a design is tens of megabytes, and the U-HSM seals it without a copy of its own first. A
    /// caller that changes its fabric while the target is sealed must still never get two plaintexts encrypted under
    /// the task's KIP with one nonce (the nonce is the HMAC of the plaintext, made in a pass before the encryption).
    /// </summary>
    [Fact]
    public void A_design_changed_while_it_is_sealed_never_gives_one_nonce_to_two_plaintexts()
    {
        var fabric = new byte[256 * 1024];
        var sample = Sample() with { Components = [new PlainComponent(ComponentType.Fabric, fabric)] };
        var honest = new Dictionary<string, byte[]>(); // nonce (hex) → the only ciphertext with that nonce
        foreach (var first in new byte[] { 0, 1 })
        {
            fabric[0] = first;
            var (nonce, ciphertext) = SealingAttackTests.Fabric(User.SealHsmJobTarget(sample).Bitstream);
            honest[nonce] = ciphertext;
        }

        using var flipper = new ByteFlipper(fabric, 0);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        for (var attempt = 0; attempt < 200 && DateTime.UtcNow < deadline; attempt++)
        {
            var (nonce, ciphertext) = SealingAttackTests.Fabric(User.SealHsmJobTarget(sample).Bitstream);
            Assert.True(honest[nonce].AsSpan().SequenceEqual(ciphertext),
                $"Attempt {attempt}: the U-HSM encrypted a second plaintext under nonce {nonce}, which it had already used (same task KIP, same associated data) for another one.");
        }
    }

    [Fact]
    public void Only_the_bound_m_hsm_opens_the_secrets_not_another_that_processed_the_same_request()
    {
        var other = HsmModule.Create(Folder.Combine("cm_b"), world: World);
        var sample = Sample();
        other.ManufacturerRole().ProcessJobRequest(sample.Request); // a second M-HSM of the world holds a task key for the same request
        var sealedTarget = User.SealHsmJobTarget(sample);

        using (var secrets = Open(Cm, sample, sealedTarget))
        {
            Assert.Equal(_imported["UPK1"], secrets.Value("UPK1"));
            Assert.Equal(_imported["UEK1"], secrets.Value("UEK1"));
            Assert.Equal(("MASTER", "AUTH_CODE", "KFP", "TRUE"), (secrets.Text(TaskSecrets.Type), secrets.Text(TaskSecrets.Protocol), secrets.Text(TaskSecrets.KeyMode), secrets.Text(TaskSecrets.Coc)));
            var fabric = BitstreamFormat.Read(sealedTarget.Bitstream.Bytes).Components.Single(component => component.Type == ComponentType.Fabric);
            Assert.Equal(KeyMode.Kip, fabric.Mode);
            Assert.Equal(_fabric, BitstreamFormat.Open(sealedTarget.Bitstream.Bytes, fabric.Offset, secrets.Value(TaskSecrets.Kip)!));
        }

        Assert.Equal("NOT_BOUND_HERE", Assert.Throws<HsmException>(() => Open(other, sample, sealedTarget)).Code);
        var third = HsmModule.Create(Folder.Combine("cm_c"), world: World);
        Assert.Equal("NOT_BOUND_HERE", Assert.Throws<HsmException>(() => Open(third, sample, sealedTarget)).Code);
        Assert.Equal("NOT_BOUND_HERE", Assert.Throws<HsmException>(() => Open(Cm, sample with { Target = "dev2" }, sealedTarget)).Code);
        Assert.Equal("NOT_BOUND_HERE", Assert.Throws<HsmException>(() => Open(Cm, sample with { TicketIds = [sample.TicketIds[0]] }, sealedTarget)).Code);
        var altered = sealedTarget.SealedSecrets.ToArray();
        altered[^20] ^= 1;
        Assert.Equal("NOT_BOUND_HERE", Assert.Throws<HsmException>(() => Open(Cm, sample, sealedTarget with { SealedSecrets = altered })).Code);
    }

    [Fact]
    public void The_task_s_kip_is_the_same_on_re_export_and_differs_for_another_task()
    {
        var keyset = User.CreateKeyset(new(_imported, null));
        var (request, reply, content) = Bound(Cm);
        var first = Target(request, reply, content, keyset);
        var (otherRequest, otherReply, otherContent) = Bound(Cm);
        var second = Target(otherRequest, otherReply, otherContent, keyset);
        using var once = Open(Cm, first, User.SealHsmJobTarget(first));
        using var again = Open(Cm, first, User.SealHsmJobTarget(first));
        using var otherTask = Open(Cm, second, User.SealHsmJobTarget(second));
        Assert.Equal(once.Value(TaskSecrets.Kip), again.Value(TaskSecrets.Kip));
        Assert.NotEqual(once.Value(TaskSecrets.Kip), otherTask.Value(TaskSecrets.Kip));
    }

    [Fact]
    public void Unique_key_updates_carry_the_base_key_or_with_a_dsn_only_that_device_s_key()
    {
        var content = Content(Ticket("update_t", protocol: "UNIQUE_KEY"));
        var request = User.SignJobRequest(content);
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        var update = Target(request, reply, content, User.CreateKeyset(new(_imported, null))) with
        {
            TicketIds = [content.Tickets[0].TicketId],
            Header = _master with { TypeCode = (byte)BitstreamType.Uek1 },
            ProgrammedKeys = [],
            AuthKeyMode = null,
            UniqueKeyTypes = ["UEK1"],
        };
        using (var secrets = Open(Cm, update, User.SealHsmJobTarget(update)))
        {
            Assert.Equal(_imported["UEK1_BASE"], secrets.Value("UEK1_BASE"));
            Assert.Null(secrets.Value("UEK1"));
        }

        var dsn = RandomNumberGenerator.GetBytes(16);
        var perDevice = update with { Header = update.Header with { Dsn = dsn } };
        using var device = Open(Cm, perDevice, User.SealHsmJobTarget(perDevice));
        Assert.Equal(["KIP", "TYPE", "PROTOCOL", $"UEK1@{Convert.ToHexString(dsn)}"], device.Names);
        Assert.NotEqual(_imported["UEK1_BASE"], device.Value($"UEK1@{Convert.ToHexString(dsn)}"));
    }

    [Fact]
    public void No_key_value_is_in_the_request_reply_bitstream_sealed_secrets_or_audit()
    {
        var sample = Sample();
        var sealedTarget = User.SealHsmJobTarget(sample);
        var audit = string.Join("\n", Oem.Store.ReadAudit().Select(entry => entry.Operation + " " + entry.Result));
        foreach (var key in _imported.Values)
        {
            foreach (var form in SecretScan.Forms(key))
            {
                Assert.True(sample.Request.AsSpan().IndexOf(form) < 0 && sample.Reply.AsSpan().IndexOf(form) < 0);
                Assert.True(sealedTarget.Bitstream.Bytes.AsSpan().IndexOf(form) < 0 && sealedTarget.SealedSecrets.AsSpan().IndexOf(form) < 0);
            }

            SecretScan.AssertAbsentFromText(key, audit, "the U-HSM's audit log");
        }
    }
}
