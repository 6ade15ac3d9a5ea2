using System.Security.Cryptography;
using System.Text;
using Spps.Devices;
using Spps.Formats.Production;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// The M-HSM's DEBUG authorisation (docs/production.md, "Debug unlock"; docs/security.md, "Production"): what a
/// station or a CM holding a debug job and the M-HSM's API could try. A DEBUG ticket against a programming target's
/// secrets or a PROGRAM ticket against a debug target's, a device that holds no UEKn of the key mode or no DPK, a
/// one-device target for another device, secrets not of the contract's shape: each refused with nothing spent. A
/// spent ticket, a challenge answered for another ticket: refused. The passcode is a MAC for one nonce of one device,
/// sealed under that device's UEKn; no key value reaches the store, the audit log or a message.
/// </summary>
public sealed class DebugAuthorizationAttackTests : DebugJobs
{
    [Theory]
    [InlineData("UEK1", Naming.Project)]
    [InlineData("UEK2", Naming.Project)]
    [InlineData("UEK1", Naming.Unique)]
    [InlineData("UEK2", Naming.OneDevice)]
    public void A_debug_ticket_answers_the_device_s_challenge_with_its_passcode_under_its_uek_and_nothing_else(string keyMode, Naming naming)
    {
        using var device = DebugDevice(keyMode);
        var task = DebugJob(keyMode, naming, device: device.Dsn);
        var (uek, dpk) = DeviceKeys(keyMode, naming, device.Dsn);

        var answer = Station.AuthorizeDeviceAction(Request(task, task.Debug, device));

        var code = AuthorizationCode.Read(answer.AuthorizationCode, "code");
        Assert.Equal((AuthorizedAction.Debug, keyMode == "UEK1" ? KeyMode.Uek1 : KeyMode.Uek2), (code.Action, code.KeyMode));
        using var entries = device.Open(answer.AuthorizationCode, uek);
        Assert.Equal([DebugPasscode.EntryName], entries.Names);
        Assert.Equal(DebugPasscode.Compute(dpk, device.Dsn, device.Challenge.Nonce), entries.Value(DebugPasscode.EntryName));
        Assert.Equal(1, answer.Ticket.Used);
        Assert.Equal([(task.Debug.TicketId, device.Dsn.ToString(), "DEBUG")],
            StoreRows.Query<string>(Cm.Folder, "SELECT ticket_id || ' ' || dsn || ' ' || action FROM ticket_uses;").Select(row => row.Split(' ')).Select(row => (row[0], row[1], row[2])));
        Assert.EndsWith($"device {device.Dsn}, DEBUG under {keyMode}, used 1 of 2", Cm.Store.ReadAudit()[^1].Result, StringComparison.Ordinal);

        // The job status counts the use like any ticket's.
        Assert.Equal([1L, 0L], Station.MakeJobStatus(task.RequestId, []).Tickets.Select(ticket => ticket.Used));
    }

    [Fact]
    public void A_debug_ticket_against_a_programming_target_s_secrets_and_a_program_ticket_against_a_debug_target_s_are_refused()
    {
        using var device = DebugDevice();

        // A sealer that bound a DEBUG ticket to an Initiator's secrets (the U-HSM does not): the M-HSM still refuses.
        var debugTask = Task(Ticket("debug_t", "DEBUG", 2));
        using (var initiator = new TaskSecrets())
        {
            initiator.Add(TaskSecrets.Kip, RandomNumberGenerator.GetBytes(32));
            initiator.AddText(TaskSecrets.Type, "MASTER");
            initiator.AddText(TaskSecrets.Protocol, "AUTH_CODE");
            initiator.AddText(TaskSecrets.KeyMode, "DFK");
            var onInitiator = new DebugTask(debugTask.RequestId, debugTask.Tickets[0], debugTask.Tickets[0], debugTask.TicketIds, Seal(debugTask, debugTask.TicketIds, initiator));
            Assert.Equal("WRONG_TICKET", Refused(Request(onInitiator, onInitiator.Debug, device)));
            var error = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(Request(onInitiator, onInitiator.Debug, device)));
            Assert.Equal($"The ticket {debugTask.Tickets[0].TicketId} is for DEBUG, and the sealed secrets of target 'dev1' are a MASTER bitstream's: only a DEBUG target's serve a DEBUG ticket. Nothing was spent.", error.Message);
        }

        // A PROGRAM ticket bound to a debug target's secrets.
        var programTask = Task(Ticket("program_t", "PROGRAM", 2));
        using var debug = DebugSecrets("UEK1", Naming.Project);
        var onDebug = new DebugTask(programTask.RequestId, programTask.Tickets[0], programTask.Tickets[0], programTask.TicketIds, Seal(programTask, programTask.TicketIds, debug));
        Assert.Equal("WRONG_TICKET", Refused(Request(onDebug, onDebug.Debug, device)));
        var wrong = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(Request(onDebug, onDebug.Debug, device)));
        Assert.Contains("the sealed secrets of target 'dev1' are a DEBUG bitstream's: they serve DEBUG tickets only", wrong.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsDpk, "KEY_MODE_DISABLED", "it holds no UEK1: it would refuse a DEBUG of target 'dev1' authorised under UEK1.")]
    [InlineData(DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek2 | DeviceKeyState.HoldsDpk, "KEY_MODE_DISABLED", "it holds no UEK1: it would refuse a DEBUG of target 'dev1' authorised under UEK1.")]
    [InlineData(DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek1, "NO_DEBUG_KEY", "it holds no DPK: it has no debug pass key to check a passcode with, so it would refuse a DEBUG of target 'dev1'.")]
    [InlineData(DeviceKeyState.None, "KEY_MODE_DISABLED", "it holds no UEK1: it would refuse a DEBUG of target 'dev1' authorised under UEK1.")]
    public void A_device_that_holds_no_uek_of_the_key_mode_or_no_dpk_is_refused_before_a_ticket_is_spent(DeviceKeyState state, string code, string why)
    {
        var task = DebugJob();
        using var device = Device();
        device.KeyState = state;
        device.NewChallenge();

        Assert.Equal(code, Refused(Request(task, task.Debug, device)));
        var error = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(Request(task, task.Debug, device)));
        Assert.Equal($"The device {device.Dsn} says {why} Nothing was spent.", error.Message);
    }

    [Fact]
    public void A_challenge_is_answered_once_again_for_its_ticket_without_a_second_spend_never_for_another_ticket_and_a_spent_ticket_unlocks_nothing_more()
    {
        var task = DebugJob(max: 1);
        using var device = DebugDevice();
        var first = Station.AuthorizeDeviceAction(Request(task, task.Debug, device));

        var retried = Station.AuthorizeDeviceAction(Request(task, task.Debug, device));

        Assert.Equal((1L, 1L), (first.Ticket.Used, retried.Ticket.Used));
        Assert.Equal(1L, StoreRows.Query<long>(Cm.Folder, "SELECT count(*) FROM ticket_uses;").Single());
        using (var entries = device.Open(retried.AuthorizationCode, Imported["UEK1"]))
        {
            Assert.Equal(DebugPasscode.Compute(ProjectDpk, device.Dsn, device.Challenge.Nonce), entries.Value(DebugPasscode.EntryName));
        }

        Assert.Equal("REPLAYED", Refused(Request(task, task.Unlimited, device)));
        using var second = DebugDevice();
        Assert.Equal("TICKET_SPENT", Refused(Request(task, task.Debug, second)));
        device.NewChallenge();
        Assert.Equal("TICKET_SPENT", Refused(Request(task, task.Debug, device)));
        Assert.Equal(1, Station.ListTickets().Single(ticket => ticket.TicketId == task.Debug.TicketId).Used);
    }

    [Fact]
    public void A_station_that_states_a_false_key_state_gets_a_code_its_device_cannot_open_and_no_key()
    {
        // A new device (no user keys, no DPK) whose station says it holds UEK1 and a DPK: the code is sealed under the
        // project's UEK1, which neither the device nor the station has; it carries a MAC, never the DPK.
        var task = DebugJob();
        using var device = DebugDevice();
        var code = Station.AuthorizeDeviceAction(Request(task, task.Debug, device)).AuthorizationCode;

        Assert.Throws<ProductionFormatException>(() => device.Open(code, RandomNumberGenerator.GetBytes(32)).Dispose());
        var relabelled = code.ToArray();
        relabelled[10] = (byte)KeyMode.Dfk; // the key mode is bound to the seal: the device's own FK does not open it
        Assert.Throws<ProductionFormatException>(() => device.Open(relabelled).Dispose());
        foreach (var form in SecretScan.Forms(ProjectDpk).Concat(SecretScan.Forms(Imported["UEK1"])))
        {
            Assert.True(code.AsSpan().IndexOf(form) < 0);
        }
    }

    [Fact]
    public void A_one_device_target_is_refused_for_another_device_before_a_ticket_is_spent()
    {
        using var device = DebugDevice();
        using var other = DebugDevice();
        var task = DebugJob(naming: Naming.OneDevice, device: device.Dsn);
        Assert.Equal("WRONG_DEVICE", Refused(Request(task, task.Debug, other)));

        // The UEK1 is the project's, but the DPK is one device's: the other device is still refused before the spend.
        var signed = Task(Ticket("debug_t", "DEBUG", 2));
        using var secrets = new TaskSecrets();
        secrets.AddText(TaskSecrets.Type, "DEBUG");
        secrets.AddText(TaskSecrets.Protocol, "ONE_TIME_PASSCODE");
        secrets.AddText(TaskSecrets.KeyMode, "UEK1");
        secrets.Add("UEK1", Imported["UEK1"]);
        secrets.Add($"DPK@{device.Dsn}", ProjectDpk);
        var mixed = new DebugTask(signed.RequestId, signed.Tickets[0], signed.Tickets[0], signed.TicketIds, Seal(signed, signed.TicketIds, secrets));
        var error = Assert.Throws<HsmException>(() => Station.AuthorizeDeviceAction(Request(mixed, mixed.Debug, other)));
        Assert.Equal(("WRONG_DEVICE", $"The debug bitstream of target 'dev1' is for device {device.Dsn} only (exported with -dsn), not for device {other.Dsn}."), (error.Code, error.Message));
        Assert.Equal(0, Station.ListTickets().Single(ticket => ticket.TicketId == mixed.Debug.TicketId).Used);
    }

    public static TheoryData<string, string> NotTheContract => new()
    {
        { "a KIP", "KIP" },
        { "protocol AUTH_CODE", "PROTOCOL" },
        { "key mode UEK3", "KEY_MODE" },
        { "no DPK", "DPK" },
        { "no UEK1", "UEK1" },
        { "another entry", "UPK1" },
    };

    [Theory]
    [MemberData(nameof(NotTheContract))]
    public void Debug_secrets_not_of_the_contract_s_shape_are_refused(string what, string entry)
    {
        var signed = Task(Ticket("debug_t", "DEBUG", 2));
        using var secrets = new TaskSecrets();
        secrets.AddText(TaskSecrets.Type, "DEBUG");
        secrets.AddText(TaskSecrets.Protocol, entry == "PROTOCOL" ? "AUTH_CODE" : "ONE_TIME_PASSCODE");
        secrets.AddText(TaskSecrets.KeyMode, entry == "KEY_MODE" ? "UEK3" : "UEK1");
        if (entry != "UEK1")
        {
            secrets.Add("UEK1", Imported["UEK1"]);
        }

        if (entry != "DPK")
        {
            secrets.Add("DPK", ProjectDpk);
        }

        if (entry is "KIP" or "UPK1")
        {
            secrets.Add(entry, RandomNumberGenerator.GetBytes(32));
        }

        var task = new DebugTask(signed.RequestId, signed.Tickets[0], signed.Tickets[0], signed.TicketIds, Seal(signed, signed.TicketIds, secrets));
        using var device = DebugDevice();
        Assert.True(Refused(Request(task, task.Debug, device)) == "BAD_CONTAINER", what);
    }

    [Fact]
    public void No_debug_key_reaches_the_store_the_audit_log_or_a_message()
    {
        using var device = DebugDevice();
        using var other = DebugDevice();
        var project = DebugJob();
        var unique = DebugJob(naming: Naming.Unique);
        var messages = new StringBuilder();
        Station.AuthorizeDeviceAction(Request(project, project.Debug, device));
        Station.AuthorizeDeviceAction(Request(unique, unique.Debug, other));
        foreach (var attempt in new[] { Request(project, project.Debug, device), Request(unique, unique.Unlimited, other), Request(project, project.Unlimited, device) with { Action = "PROGRAM" } })
        {
            try
            {
                Station.AuthorizeDeviceAction(attempt);
            }
            catch (HsmException error)
            {
                messages.AppendLine(error.Message);
            }
        }

        var (deviceUek, deviceDpk) = DeviceKeys("UEK1", Naming.Unique, other.Dsn);
        byte[][] keys = [ProjectDpk, DpkBase, Imported["UEK1"], Imported["UEK1_BASE"], deviceUek, deviceDpk];
        var audit = string.Join("\n", Cm.Store.ReadAudit().Select(entry => $"{entry.Operation} {entry.Result}"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var key in keys)
        {
            foreach (var file in Directory.EnumerateFiles(Cm.Folder, "*", SearchOption.AllDirectories))
            {
                SecretScan.AssertAbsent(key, file);
            }

            SecretScan.AssertAbsentFromText(key, audit, "the M-HSM's audit log");
            SecretScan.AssertAbsentFromText(key, messages.ToString(), "the refusals' messages");
        }
    }
}
