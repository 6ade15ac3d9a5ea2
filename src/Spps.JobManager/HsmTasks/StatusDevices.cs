using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.Formats;
using Spps.Hsm.Protocol;
using Spps.Workspace.Storage;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// One device of a job status: a use of a ticket the M-HSM recorded (DSN, ticket, target, action, time) with what the
/// status proves of it, or a CoC the status carries that goes with no use. <see cref="Result"/>: PROGRAMMED (a valid
/// CoC proves the bitstream), UNPROVEN (a CoC was due and none valid came), AUTHORISED (the ticket was spent; the action
/// gives no CoC; for a DEBUG use, a one-time passcode the M-HSM answered for the device's challenge: the debug unlock
/// it allowed), UNEXPECTED (a CoC with no use to go with it). <see cref="Coc"/>: the U-HSM's verdict, or MISSING,
/// NOT_GENERATED (the target's bitstream asks for no CoC), NONE (the action gives none).
/// </summary>
public sealed record DeviceVerdict(string Dsn, string Target, string Ticket, string Action, DateTimeOffset? Time, string Result, string Coc, string Reason);

/// <summary>The devices of a verified status (<see cref="DeviceVerdict"/>), and the project's file of them beside the status's copy.</summary>
public static class StatusDevices
{
    public const string FormatName = "spps-job-status-devices";
    public const string Programmed = "PROGRAMMED";
    public const string Unproven = "UNPROVEN";
    public const string Authorised = "AUTHORISED";
    public const string Unexpected = "UNEXPECTED";

    // A device is a row of a few hundred bytes; a status holds at most 100,000 CoCs and their uses.
    private const long MaximumBytes = 256L << 20;

    public static IReadOnlyList<DeviceVerdict> Of(VerifiedJobStatus status, HsmTask task)
    {
        // Each device's CoCs in the status's order; each PROGRAM of the device takes the next one.
        var cocs = status.Cocs.Where(coc => coc.Dsn is not null).GroupBy(coc => coc.Dsn!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => new Queue<CocVerdict>(group.OrderBy(coc => coc.Verdict == CocVerdict.Valid ? 0 : 1)), StringComparer.OrdinalIgnoreCase);
        var devices = new List<DeviceVerdict>();
        foreach (var use in status.Uses)
        {
            var ticket = task.Tickets.Find(candidate => candidate.TicketId == use.TicketId);
            var target = ticket?.Device ?? string.Empty;
            var row = new DeviceVerdict(Dsn.Parse(use.Dsn, "dsn").ToString(), target, ticket?.Name ?? use.TicketId, use.Action, use.Time, Authorised, "NONE",
                use.Action == TicketAction.Debug
                    ? $"a debug unlock: the M-HSM spent DEBUG ticket '{ticket?.Name}' for a one-time passcode of this device's challenge (the device reports no CoC of it)"
                    : $"the M-HSM spent ticket '{ticket?.Name}' for this {use.Action}");
            if (use.Action != "PROGRAM")
            {
                devices.Add(row);
            }
            else if (task.ExportedTargets.Find(exported => exported.Name == target) is not { GenerateCoc: true })
            {
                devices.Add(row with { Coc = "NOT_GENERATED", Reason = $"the bitstream of target '{target}' asks the device for no CoC" });
            }
            else if (cocs.GetValueOrDefault(use.Dsn)?.TryDequeue(out var coc) is true)
            {
                devices.Add(row with { Result = coc.Verdict == CocVerdict.Valid ? Programmed : Unproven, Coc = coc.Verdict, Reason = coc.Reason });
            }
            else
            {
                devices.Add(row with { Result = Unproven, Coc = "MISSING", Reason = "the status carries no CoC of this device for this PROGRAM" });
            }
        }

        var leftOver = cocs.Values.SelectMany(queue => queue).Concat(status.Cocs.Where(coc => coc.Dsn is null)).OrderBy(coc => coc.Index);
        devices.AddRange(leftOver.Select(coc => new DeviceVerdict(coc.Dsn ?? "?", coc.Target ?? string.Empty, string.Empty, string.Empty, null, Unexpected, coc.Verdict,
            $"CoC {coc.Index + 1}: {coc.Reason}")));
        return devices;
    }

    public static byte[] ToBytes(IReadOnlyList<DeviceVerdict> devices) => JsonFiles.ToBytes(new JsonObject
    {
        ["format"] = FormatName,
        ["devices"] = JsonSerializer.SerializeToNode(devices, JsonFiles.Options),
    });

    /// <summary>The devices of a status from the project's copy at <paramref name="path"/>; a file that is not one is refused naming it.</summary>
    public static IReadOnlyList<DeviceVerdict> Read(string path)
    {
        try
        {
            var root = StrictJson.Parse(InputFile.ReadAllBytes(path, "devices of a job status", MaximumBytes)) as JsonObject ?? throw new JsonException("the top level is not an object");
            return (string?)root["format"] == FormatName
                ? root["devices"].Deserialize<List<DeviceVerdict>>(JsonFiles.Options) ?? throw new JsonException("'devices' is missing")
                : throw new JsonException($"it is not format \"{FormatName}\"");
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            throw new DomainException($"The project's copy '{path}' of a job status's devices cannot be read: {error.Message.TrimEnd('.')}. Import the status again.", "CORRUPT", path);
        }
    }
}
