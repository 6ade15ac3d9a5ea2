using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;
using Spps.Hsm.Crypto;

namespace Spps.Hsm.Tests;

/// <summary>
/// What an accepted authorisation gives (docs/production.md, "The authorisation code"): under every key mode the
/// code opens on the device it was made for, with its own secrets, and on no other; it carries the task's KIP and,
/// for a PROGRAM of an Initiator, the keys the design programs (each device's own for UNIQUE_KEY) and the CoC key; an
/// update's code opens with the device's UEKn. The ticket is counted, the use recorded and audited by ticket, device
/// and action — never a key.
/// </summary>
public sealed class DeviceAuthorizationTests : ProductionModules
{
    private IManufacturerHsm Station => Cm.ManufacturerRole("station");

    [Theory]
    [InlineData("DFK")]
    [InlineData("KFP")]
    [InlineData("KFPE")]
    [InlineData("KUP")]
    [InlineData("KUPE")]
    public void A_program_authorisation_opens_on_its_device_only_with_the_task_s_kip_the_keys_and_the_coc_key(string keyMode)
    {
        var job = Job(keyMode);
        using var device = Device();
        using var other = Device();
        var authorization = Station.AuthorizeDeviceAction(Request(job, job.Program, device));

        using (var entries = device.Open(authorization.AuthorizationCode))
        {
            Assert.Equal(job.TaskKip, entries.Value(AuthorizationCode.Kip));
            var keys = SecurityComponent.Decode(entries.Value(AuthorizationCode.Keys));
            Assert.Equal(0x0003, SecurityComponent.Flags(keys.Policy));
            Assert.Equal([("UPK1", Convert.ToHexString(Imported["UPK1"])), ("UEK1", Convert.ToHexString(Imported["UEK1"]))],
                keys.Keys.Select(key => (key.Key, Convert.ToHexString(key.Value))));
            Assert.Equal(CertificateOfConformance.DeriveKey(job.TaskKip, device.Dsn.ToArray()), entries.Value(AuthorizationCode.CocKey));
        }

        Assert.ThrowsAny<Exception>(() => other.Open(authorization.AuthorizationCode).Dispose()); // another device's challenge and keys
        device.NewChallenge();
        Assert.ThrowsAny<Exception>(() => device.Open(authorization.AuthorizationCode).Dispose()); // a used challenge: no replay

        Assert.Equal((1L, (long?)3), (authorization.Ticket.Used, authorization.Ticket.MaxDevices));
        Assert.Equal($"ok: ticket {job.Program.TicketId}, device {device.Dsn}, PROGRAM under {keyMode}, used 1 of 3", Cm.Store.ReadAudit()[^1].Result);
        Assert.Equal([$"{job.Program.TicketId} {device.Dsn} PROGRAM"], StoreRows.Query<string>(Cm.Folder, "SELECT ticket_id || ' ' || dsn || ' ' || action FROM ticket_uses;"));
    }

    [Fact]
    public void Verify_carries_the_task_s_kip_only_erase_also_the_upk1_the_design_programs_and_an_unlimited_ticket_counts_without_refusing()
    {
        var job = Job("DFK");
        using var device = Device();
        foreach (var round in Enumerable.Range(1, 5))
        {
            var verify = Station.AuthorizeDeviceAction(Request(job, job.Verify, device));
            using var entries = device.Open(verify.AuthorizationCode);
            Assert.Equal([AuthorizationCode.Kip], entries.Names);
            Assert.Equal((round, (long?)null), (verify.Ticket.Used, verify.Ticket.MaxDevices));
            device.NewChallenge();
        }

        using var erased = device.Open(Station.AuthorizeDeviceAction(Request(job, job.Erase, device)).AuthorizationCode);
        Assert.Equal([AuthorizationCode.Kip, "UPK1"], erased.Names);
        Assert.Equal(Imported["UPK1"], erased.Value("UPK1"));
        Assert.Equal(AuthorizedAction.Erase, AuthorizationCode.Read(Station.AuthorizeDeviceAction(Request(job, job.Erase, device)).AuthorizationCode, "code").Action);
    }

    [Fact]
    public void Without_generate_coc_no_coc_key_is_given()
    {
        var job = Job("KFP", coc: false);
        using var device = Device();
        using var entries = device.Open(Station.AuthorizeDeviceAction(Request(job, job.Program, device)).AuthorizationCode);
        Assert.Equal([AuthorizationCode.Kip, AuthorizationCode.Keys], entries.Names);
    }

    [Fact]
    public void Unique_key_gives_each_device_its_own_key_derived_from_the_base_key_and_its_dsn()
    {
        var job = Job("KFP", protocol: "UNIQUE_KEY", uniqueKeyTypes: ["UEK1"]);
        var given = new List<byte[]>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var device = Device();
            using var entries = device.Open(Station.AuthorizeDeviceAction(Request(job, job.Program, device)).AuthorizationCode);
            var uek1 = SecurityComponent.Decode(entries.Value(AuthorizationCode.Keys)).Keys.Single(key => key.Key == "UEK1").Value;
            var expected = new byte[32];
            DeviceKeyDerivation.Derive(Imported["UEK1_BASE"], "UEK1", device.Dsn.ToArray(), expected);
            Assert.Equal(expected, uek1);
            given.Add(uek1);
        }

        Assert.NotEqual(given[0], given[1]);
    }

    [Fact]
    public void An_update_s_code_opens_with_the_device_s_uek_the_project_s_or_its_own_for_unique_key()
    {
        var project = Job(type: BitstreamType.Uek1);
        using var device = Device();
        device.KeyState = DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek1;
        device.NewChallenge();
        var code = Station.AuthorizeDeviceAction(Request(project, project.Program, device)).AuthorizationCode;
        Assert.Equal(KeyMode.Uek1, AuthorizationCode.Read(code, "code").KeyMode);
        using (var entries = device.Open(code, Imported["UEK1"]))
        {
            Assert.Equal([AuthorizationCode.Kip], entries.Names);
        }

        var unique = Job(type: BitstreamType.Uek1, protocol: "UNIQUE_KEY", uniqueKeyTypes: ["UEK1"]);
        var own = new byte[32];
        DeviceKeyDerivation.Derive(Imported["UEK1_BASE"], "UEK1", device.Dsn.ToArray(), own);
        device.NewChallenge();
        using (var entries = device.Open(Station.AuthorizeDeviceAction(Request(unique, unique.Program, device)).AuthorizationCode, own))
        {
            Assert.Equal(unique.TaskKip, entries.Value(AuthorizationCode.Kip));
        }
    }

    [Theory]
    [InlineData("KFP", "AUTH_CODE", DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek1)]
    [InlineData("DFK", "UNIQUE_KEY", DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek1)]
    [InlineData("KUP", "AUTH_CODE", DeviceKeyState.FactoryModesDisabled | DeviceKeyState.UserEcKeyUsed | DeviceKeyState.HoldsUek1)]
    public void After_an_initiator_s_program_verify_and_erase_are_authorised_under_the_uek1_it_loaded(string keyMode, string protocol, DeviceKeyState programmed)
    {
        var job = Job(keyMode, protocol: protocol, uniqueKeyTypes: protocol == "UNIQUE_KEY" ? ["UEK1"] : null);
        using var device = Device();
        device.KeyState = programmed;
        var uek1 = protocol == "UNIQUE_KEY" ? new byte[32] : Imported["UEK1"];
        if (protocol == "UNIQUE_KEY")
        {
            DeviceKeyDerivation.Derive(Imported["UEK1_BASE"], "UEK1", device.Dsn.ToArray(), uek1);
        }

        foreach (var ticket in new[] { job.Verify, job.Erase })
        {
            device.NewChallenge();
            var code = Station.AuthorizeDeviceAction(Request(job, ticket, device)).AuthorizationCode;
            Assert.Equal(KeyMode.Uek1, AuthorizationCode.Read(code, "code").KeyMode);
            using var entries = device.Open(code, uek1);
            Assert.Equal(job.TaskKip, entries.Value(AuthorizationCode.Kip));
            Assert.Contains($"{ticket.Action} under UEK1", Cm.Store.ReadAudit()[^1].Result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_job_exported_for_one_device_authorises_that_device_only()
    {
        using var device = Device();
        using var other = Device();
        foreach (var programmed in new[] { device, other })
        {
            programmed.KeyState = DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek1;
            programmed.NewChallenge();
        }

        var job = Job(type: BitstreamType.Uek1, protocol: "UNIQUE_KEY", uniqueKeyTypes: ["UEK1"], dsn: device.Dsn.ToArray());
        var before = StoreRows.Of(Cm);
        var error = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(Request(job, job.Program, other)));
        Assert.Equal(("WRONG_DEVICE", $"The update bitstream of target 'dev1' is for device {device.Dsn} only (exported with -dsn), not for device {other.Dsn}."), (error.Code, error.Message));
        Assert.Equal(before, StoreRows.Of(Cm));
        var own = new byte[32];
        DeviceKeyDerivation.Derive(Imported["UEK1_BASE"], "UEK1", device.Dsn.ToArray(), own);
        using var entries = device.Open(Station.AuthorizeDeviceAction(Request(job, job.Program, device)).AuthorizationCode, own);
        Assert.Equal(job.TaskKip, entries.Value(AuthorizationCode.Kip));
    }

    [Fact]
    public void Eight_threads_on_separately_opened_modules_authorising_on_one_ticket_get_exactly_its_maximum()
    {
        const int max = 11;
        var job = Job("DFK", max: max);
        // Each thread opens the module itself, as a process of its own would; they race on one ticket.
        var granted = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            var station = HsmModule.Open(Cm.Folder).ManufacturerRole("station");
            for (var attempt = 0; attempt < 3; attempt++)
            {
                using var device = Device();
                try
                {
                    station.AuthorizeDeviceAction(Request(job, job.Program, device));
                    Interlocked.Increment(ref granted);
                }
                catch (HsmException error) when (error.Code == "TICKET_SPENT")
                {
                    // the ticket served its maximum: refused, nothing released
                }
            }
        });

        Assert.Equal(max, granted);
        Assert.Equal(max, Station.ListTickets().Single(ticket => ticket.TicketId == job.Program.TicketId).Used);
        Assert.Equal(24 - max, Cm.Store.ReadAudit().Count(entry => entry.Result == "refused: TICKET_SPENT"));
    }

    [Fact]
    public void No_key_the_code_carries_reaches_the_store_or_its_audit()
    {
        var job = Job("DFK", protocol: "UNIQUE_KEY", uniqueKeyTypes: ["UEK1"]);
        using var device = Device();
        Station.AuthorizeDeviceAction(Request(job, job.Program, device));
        var derived = new byte[32];
        DeviceKeyDerivation.Derive(Imported["UEK1_BASE"], "UEK1", device.Dsn.ToArray(), derived);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(Cm.Folder).Select(File.ReadAllBytes).ToList();
        byte[][] secrets = [.. Imported.Values, job.TaskKip, derived, Factory.FactoryKey(device.Dsn.ToArray()), CertificateOfConformance.DeriveKey(job.TaskKip, device.Dsn.ToArray())];
        foreach (var secret in secrets)
        {
            foreach (var form in new[] { secret, System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(secret)), System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(secret)), System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(secret)) })
            {
                Assert.DoesNotContain(files, file => file.AsSpan().IndexOf(form) >= 0);
            }
        }
    }
}
