using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// What an enrolled station, a CM holding the job, or someone holding a device could try against the M-HSM's
/// authorisation (docs/production.md, docs/security.md "Production"): tickets of another task, target or action;
/// devices of another factory, forged, of another die, with another device's challenge; KUP/KUPE without or with a
/// forged user key statement; sealed secrets of another target, altered or for another M-HSM; a spent ticket; an
/// ended task. Each is refused with its code, spends nothing, changes no store and is audited as refused.
/// </summary>
public sealed class DeviceAuthorizationAttackTests : ProductionModules
{
    private IManufacturerHsm Station => Cm.ManufacturerRole("station");

    [Fact]
    public void A_ticket_of_another_task_target_or_action_is_refused()
    {
        var job = Job();
        var otherJob = Job();
        using var device = Device();
        var request = Request(job, job.Program, device);
        Assert.Equal("WRONG_TICKET", Refused(request with { TicketId = otherJob.Program.TicketId }));
        Assert.Equal("WRONG_TICKET", Refused(request with { TicketId = job.OtherTarget.TicketId }));
        Assert.Equal("WRONG_TICKET", Refused(request with { TicketId = job.Verify.TicketId }));
        Assert.Equal("WRONG_TICKET", Refused(request with { Action = "ERASE" }));
        Assert.Equal("UNKNOWN_TICKET", Refused(request with { TicketId = NewTicketId() }));
        var error = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(request with { TicketId = job.Verify.TicketId }));
        Assert.Equal($"The ticket {job.Verify.TicketId} ('verify_t') is for VERIFY, not PROGRAM; nothing was spent.", error.Message);
    }

    [Theory]
    [InlineData("KFP", "PROGRAM", DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek1, "its factory key modes are disabled (user keys are loaded): it would refuse a PROGRAM of target 'dev1' authorised under KFP.")]
    [InlineData("KUP", "PROGRAM", DeviceKeyState.UserEcKeyUsed, "its user EC key was used already: it would refuse a PROGRAM of target 'dev1' authorised under KUP.")]
    [InlineData("DFK", "VERIFY", DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek2, "its factory key modes are disabled (user keys are loaded): it would refuse a VERIFY of target 'dev1' authorised under DFK; nor does it hold UEK1, which the design programs.")]
    public void A_device_that_states_it_would_refuse_the_key_mode_is_refused_before_a_ticket_is_spent(string keyMode, string action, DeviceKeyState state, string why)
    {
        var job = Job(keyMode);
        using var device = Device();
        device.KeyState = state;
        device.NewChallenge();
        var before = StoreRows.Of(Cm);

        var error = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(Request(job, action == "PROGRAM" ? job.Program : job.Verify, device)));

        Assert.Equal(("KEY_MODE_DISABLED", $"The device {device.Dsn} says {why} Nothing was spent."), (error.Code, error.Message));
        Assert.Equal(before, StoreRows.Of(Cm));
    }

    [Fact]
    public void An_update_for_a_device_that_holds_no_such_uek_is_refused_before_a_ticket_is_spent()
    {
        var job = Job(type: BitstreamType.Uek1);
        using var device = Device();
        device.KeyState = DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek2;
        device.NewChallenge();

        Assert.Equal("KEY_MODE_DISABLED", Refused(Request(job, job.Program, device)));
    }

    [Fact]
    public void A_station_that_states_a_false_key_state_gets_a_code_its_device_cannot_open_and_no_key()
    {
        // The device is new (factory modes allowed, no UEK), but the station says it holds UEK1: the code is sealed
        // under the design's UEK1, which neither the device nor the station has.
        var job = Job("KFP");
        using var device = Device();
        device.KeyState = DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek1;
        device.NewChallenge();
        var code = Station.AuthorizeDeviceAction(Request(job, job.Verify, device)).AuthorizationCode;

        Assert.Equal(KeyMode.Uek1, AuthorizationCode.Read(code, "code").KeyMode);
        Assert.ThrowsAny<Exception>(() => device.Open(code, RandomNumberGenerator.GetBytes(32)).Dispose());
        var relabelled = code.ToArray();
        relabelled[10] = (byte)KeyMode.Kfp; // the key mode is bound to the seal: the device's own factory key does not open it either
        Assert.ThrowsAny<Exception>(() => device.Open(relabelled).Dispose());
    }

    [Fact]
    public void A_challenge_is_answered_once_a_retry_for_the_same_ticket_spends_nothing_again_and_any_other_use_is_refused()
    {
        var job = Job(max: 1);
        using var device = Device();
        var request = Request(job, job.Program, device);
        Station.AuthorizeDeviceAction(request);
        var uses = StoreRows.Query<long>(Cm.Folder, "SELECT count(*) FROM ticket_uses;").Single();

        // The station lost the answer and asks again: the ticket is at its maximum, yet the same challenge is answered.
        var retried = Station.AuthorizeDeviceAction(request);

        Assert.Equal(1L, retried.Ticket.Used);
        Assert.Equal(uses, StoreRows.Query<long>(Cm.Folder, "SELECT count(*) FROM ticket_uses;").Single());
        Assert.EndsWith("used 1 of 1, the challenge answered again (counted once)", Cm.Store.ReadAudit()[^1].Result, StringComparison.Ordinal);
        using (var entries = device.Open(retried.AuthorizationCode))
        {
            Assert.Equal(job.TaskKip, entries.Value(AuthorizationCode.Kip));
        }

        Assert.Equal("REPLAYED", Refused(Request(job, job.Verify, device)));
        var replayed = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(Request(job, job.Verify, device)));
        Assert.Equal($"The challenge {Convert.ToHexStringLower(device.Challenge.Nonce)} of device {device.Dsn} was answered already, for ticket {job.Program.TicketId}: " +
                     "a challenge is authorised once. Ask the device for a new challenge; nothing was spent.", replayed.Message);
        device.NewChallenge();
        Assert.Equal("TICKET_SPENT", Refused(Request(job, job.Program, device)));
    }

    [Fact]
    public void The_job_s_ticket_list_is_bound_to_the_seal_a_station_cannot_add_a_ticket_to_it()
    {
        var job = Job();
        using var device = Device();
        var request = Request(job, job.Program, device);
        Assert.Equal("WRONG_TICKET", Refused(request with { TargetTicketIds = [job.Verify.TicketId, job.Erase.TicketId] }));
        Assert.Equal("NOT_BOUND_HERE", Refused(request with { TargetTicketIds = [.. job.TargetTicketIds, job.OtherTarget.TicketId] }));
    }

    [Fact]
    public void A_device_of_another_factory_forged_or_of_another_die_is_refused()
    {
        var job = Job();
        using var otherFactory = DeviceFactory.Create();
        using var foreign = Device(otherFactory);
        using var device = Device();
        var request = Request(job, job.Program, device);
        Assert.Equal("FOREIGN_FACTORY", Refused(Request(job, job.Program, foreign)));

        // The development factory is published: its devices are not this private factory's.
        using var development = DeviceFactory.Development();
        using var published = Device(development);
        Assert.Equal("FOREIGN_FACTORY", Refused(Request(job, job.Program, published)));

        // Any byte of the certificate altered: its key, its DSN, its signature.
        foreach (var offset in new[] { 12, 20, 100, 200, 256 })
        {
            var forged = device.Certificate.ToBytes();
            forged[offset] ^= 1;
            Assert.Equal("BAD_DEVICE", Refused(request with { DeviceCertificate = forged }));
        }

        Assert.Equal("BAD_DEVICE", Refused(request with { DeviceCertificate = [.. device.Certificate.ToBytes(), 0] }));
        Assert.Equal("BAD_DEVICE", Refused(request with { DeviceCertificate = [] }));

        // A certificate naming this factory but signed by another CA.
        var claimed = foreign.Certificate.ToBytes();
        Factory.IdBytes.CopyTo(claimed, 32);
        Assert.Equal("BAD_DEVICE", Refused(Request(job, job.Program, foreign) with { DeviceCertificate = claimed }));

        var otherDie = DeviceCatalog.Dies.First(die => die.Name != Mpf300.Name && (die.IdCode & Mpf300.IdCodeMask) != Mpf300.IdCode);
        using var wrongDie = Device(die: otherDie);
        Assert.Equal("WRONG_DEVICE", Refused(Request(job, job.Program, wrongDie)));
    }

    [Fact]
    public void A_challenge_of_another_device_than_the_certificate_s_is_refused()
    {
        var job = Job();
        using var device = Device();
        using var other = Device();
        Assert.Equal("WRONG_DEVICE", Refused(Request(job, job.Program, device) with { Challenge = other.Challenge.ToBytes() }));
        var damaged = device.Challenge.ToBytes();
        damaged[0] ^= 1;
        Assert.Equal("BAD_DEVICE", Refused(Request(job, job.Program, device) with { Challenge = damaged }));
    }

    [Theory]
    [InlineData("KUP")]
    [InlineData("KUPE")]
    public void A_user_key_mode_without_a_genuine_statement_of_the_device_s_user_key_is_refused(string keyMode)
    {
        var job = Job(keyMode);
        using var device = Device();
        using var other = Device();
        var request = Request(job, job.Program, device);
        Assert.Equal("USER_KEY_REQUIRED", Refused(request with { UserKeyStatement = null }));
        Assert.Equal("BAD_DEVICE", Refused(request with { UserKeyStatement = other.Statement.ToBytes() }));

        // The attacker's own user key, signed by a key of its own: not the device's factory key.
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var attackerUser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var forged = UserKeyStatement.Issue(attacker, device.Dsn.ToArray(), P384.Point(attackerUser));
        Assert.Equal("BAD_DEVICE", Refused(request with { UserKeyStatement = forged.ToBytes() }));
    }

    [Fact]
    public void Sealed_secrets_of_another_target_altered_or_for_another_m_hsm_are_refused()
    {
        var job = Job();
        using var device = Device();
        var request = Request(job, job.Program, device);
        var altered = job.SealedSecrets.ToArray();
        altered[^5] ^= 1;
        Assert.Equal("NOT_BOUND_HERE", Refused(request with { SealedSecrets = altered }));
        Assert.Equal("NOT_BOUND_HERE", Refused(request with { Target = "dev2", TicketId = job.OtherTarget.TicketId, TargetTicketIds = [job.OtherTarget.TicketId] }));
        Assert.Equal("NOT_BOUND_HERE", Refused(request with { SealedSecrets = Job().SealedSecrets }));

        // The same task processed by another M-HSM of the world: its job's secrets are that module's only.
        var otherCm = HsmModule.Create(Folder.Combine("other cm"), world: World, factory: Factory);
        var otherJob = Job(manufacturer: otherCm);
        Assert.Equal("UNKNOWN_TICKET", Refused(Request(otherJob, otherJob.Program, device)));
    }

    [Fact]
    public void A_spent_ticket_releases_nothing_more()
    {
        var job = Job(max: 1);
        using var first = Device();
        using var second = Device();
        Station.AuthorizeDeviceAction(Request(job, job.Program, first));
        Assert.Equal("TICKET_SPENT", Refused(Request(job, job.Program, second)));
        first.NewChallenge();
        Assert.Equal("TICKET_SPENT", Refused(Request(job, job.Program, first)));
        Assert.Equal(1, Station.ListTickets().Single(ticket => ticket.TicketId == job.Program.TicketId).Used);
    }

    [Fact]
    public void An_ended_task_runs_no_ticketed_action()
    {
        var job = Job();
        using var device = Device();
        Station.EndTask(job.RequestId, terminate: true, []);
        Assert.Equal("TASK_ENDED", Refused(Request(job, job.Program, device)));
        Assert.Equal("TASK_ENDED", Refused(Request(job, job.Verify, device)));
    }

    [Fact]
    public void Values_that_are_no_ids_or_actions_are_refused_naming_them()
    {
        var job = Job();
        using var device = Device();
        var request = Request(job, job.Program, device);
        Assert.Equal("BADVALUE", Refused(request with { Action = "debug" }));
        Assert.Equal("BADVALUE", Refused(request with { TicketId = "x'; DROP TABLE tickets; --" }));
        Assert.Equal("BADVALUE", Refused(request with { RequestId = job.RequestId.ToUpperInvariant() }));
        Assert.Equal("BADREQUEST", Refused(request with { Challenge = null! }));
        var error = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(request with { Action = "READ_IDCODE" }));
        Assert.Equal("The action 'READ_IDCODE' is not one a ticket authorises on a device (expecting PROGRAM, ERASE, VERIFY or DEBUG).", error.Message);
    }
}
