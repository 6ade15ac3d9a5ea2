using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;
using Spps.Hsm.Crypto;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// Debug tasks for the M-HSM's DEBUG authorisation (docs/production.md, "Debug unlock"): the OEM's U-HSM signs a task
/// of DEBUG tickets, the CM's M-HSM processes it, and target <c>dev1</c>'s secrets are sealed to the CM's task key as
/// the shared contract names them (TYPE DEBUG, PROTOCOL ONE_TIME_PASSCODE, KEY_MODE, the UEKn and the DPK, no KIP).
/// The entries are sealed here with the task seal the U-HSM's sealer uses, bound to the request, target and tickets;
/// so are the entries of targets no genuine U-HSM seals, which the M-HSM must refuse all the same.
/// </summary>
public class DebugJobs : ProductionModules
{
    /// <summary>The project value of the debug pass key, as a keyset would hold it.</summary>
    protected byte[] ProjectDpk { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The base key of a per-device (UNIQUE_KEY) DPK.</summary>
    protected byte[] DpkBase { get; } = RandomNumberGenerator.GetBytes(32);

    protected IManufacturerHsm Station => Cm.ManufacturerRole("station");

    /// <summary>How a debug target names its keys (contract §1): the project values, base keys, or one device's keys (<c>-dsn</c>).</summary>
    public enum Naming
    {
        Project,
        Unique,
        OneDevice,
    }

    /// <summary>
    /// A task of two DEBUG tickets for <c>dev1</c> (<c>debug_t</c> at most <paramref name="max"/>, <c>debug2_t</c>
    /// unlimited) and its DEBUG secrets under <paramref name="keyMode"/>, named by <paramref name="naming"/> (for
    /// <see cref="Naming.OneDevice"/>, the keys of <paramref name="device"/>).
    /// </summary>
    internal DebugTask DebugJob(string keyMode = "UEK1", Naming naming = Naming.Project, long max = 2, Dsn? device = null)
    {
        var task = Task(Ticket("debug_t", "DEBUG", max), Ticket("debug2_t", "DEBUG", null));
        using var secrets = DebugSecrets(keyMode, naming, device);
        return new DebugTask(task.RequestId, task.Tickets[0], task.Tickets[1], task.TicketIds, Seal(task, task.TicketIds, secrets));
    }

    /// <summary>The DEBUG entries of the contract, with the keys named by <paramref name="naming"/>.</summary>
    internal TaskSecrets DebugSecrets(string keyMode, Naming naming, Dsn? device = null)
    {
        var secrets = new TaskSecrets();
        secrets.AddText(TaskSecrets.Type, "DEBUG");
        secrets.AddText(TaskSecrets.Protocol, "ONE_TIME_PASSCODE");
        secrets.AddText(TaskSecrets.KeyMode, keyMode);
        switch (naming)
        {
            case Naming.Project:
                secrets.Add(keyMode, Imported[keyMode]);
                secrets.Add("DPK", ProjectDpk);
                break;
            case Naming.Unique:
                secrets.Add(keyMode + "_BASE", Imported["UEK1_BASE"]);
                secrets.Add("DPK_BASE", DpkBase);
                break;
            default:
                secrets.Add($"{keyMode}@{device}", DeviceKey(Imported["UEK1_BASE"], keyMode, device!));
                secrets.Add($"DPK@{device}", DeviceKey(DpkBase, "DPK", device!));
                break;
        }

        return secrets;
    }

    /// <summary>The keys device <paramref name="dsn"/> holds of a debug target named by <paramref name="naming"/>: its UEKn and its DPK.</summary>
    internal (byte[] Uek, byte[] Dpk) DeviceKeys(string keyMode, Naming naming, Dsn dsn) => naming == Naming.Project
        ? (Imported[keyMode], ProjectDpk)
        : (DeviceKey(Imported["UEK1_BASE"], keyMode, dsn), DeviceKey(DpkBase, "DPK", dsn));

    /// <summary>A task of <paramref name="tickets"/> signed by the OEM, processed by the CM; its task public key from the verified reply.</summary>
    internal SignedTask Task(params RequestedTicket[] tickets)
    {
        var user = Oem.UserRole("oem");
        var request = user.SignJobRequest(Content(tickets));
        var reply = Cm.ManufacturerRole("cm").ProcessJobRequest(request.Container).ReplyContainer;
        return new SignedTask(request.RequestId, tickets, [.. tickets.Select(ticket => ticket.TicketId)], user.VerifyJobReply(request.Container, reply).TaskPublicKey);
    }

    /// <summary>Seals <paramref name="secrets"/> for target <c>dev1</c> of <paramref name="task"/>, bound to <paramref name="ticketIds"/>, as the U-HSM's sealer does.</summary>
    internal static byte[] Seal(SignedTask task, IReadOnlyList<string> ticketIds, TaskSecrets secrets)
    {
        var plaintext = secrets.Encode();
        try
        {
            return TaskSeal.Seal(task.TaskPublicKey, plaintext, HsmJobSealer.SealPurpose(task.RequestId, Target, ticketIds));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The station's request for <paramref name="ticket"/> on <paramref name="device"/> with the debug task's secrets.</summary>
    internal static DeviceAuthorizationRequest Request(DebugTask task, RequestedTicket ticket, TestDevice device) =>
        Request(task.RequestId, task.TargetTicketIds, task.SealedSecrets, ticket, device);

    /// <summary>A device that says it holds what a debug unlock under <paramref name="keyMode"/> needs: user keys loaded, the UEKn and a DPK.</summary>
    internal TestDevice DebugDevice(string keyMode = "UEK1")
    {
        var device = Device();
        device.KeyState = DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsDpk | (keyMode == "UEK2" ? DeviceKeyState.HoldsUek2 : DeviceKeyState.HoldsUek1);
        device.NewChallenge();
        return device;
    }

    private static byte[] DeviceKey(byte[] baseKey, string keyType, Dsn dsn)
    {
        var key = new byte[DeviceKeyDerivation.KeyBytes];
        DeviceKeyDerivation.Derive(baseKey, keyType, dsn.ToArray(), key);
        return key;
    }
}

/// <summary>A task as the OEM signed it and the CM processed it: its tickets, their ids, and the task public key the CM's reply carries.</summary>
internal sealed record SignedTask(string RequestId, IReadOnlyList<RequestedTicket> Tickets, IReadOnlyList<string> TicketIds, byte[] TaskPublicKey);

/// <summary>A debug task as the station holds it: its two DEBUG tickets, target <c>dev1</c>'s ticket ids and sealed secrets.</summary>
internal sealed record DebugTask(string RequestId, RequestedTicket Debug, RequestedTicket Unlimited, IReadOnlyList<string> TargetTicketIds, byte[] SealedSecrets);
