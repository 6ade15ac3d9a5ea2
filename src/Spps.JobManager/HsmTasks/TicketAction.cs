using Spps.Devices;
using Spps.JobManager.Jobs;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// The actions a ticket can authorise: those that run a protocol with the M-HSM (PROGRAM, ERASE, VERIFY), and DEBUG,
/// the one action of a SmartDebug job. VERIFY_DIGEST and ENC_DATA_AUTHENTICATION need nothing from the M-HSM, so they
/// are not ticket actions (docs/decisions.md, "HSM tasks").
/// </summary>
public static class TicketAction
{
    public const string Debug = "DEBUG";

    private static readonly string[] _programming = ["PROGRAM", "ERASE", "VERIFY"];
    private static readonly string[] _withoutProtocolData = ["VERIFY_DIGEST", "ENC_DATA_AUTHENTICATION"];

    /// <summary>The actions a ticket of <paramref name="job"/> may take.</summary>
    public static IReadOnlyList<string> Allowed(ProgrammingJob job) => job.Type == ProgrammingJob.SmartDebug ? [Debug] : _programming;

    /// <summary>The canonical action named by <paramref name="value"/> (any case) for a ticket of <paramref name="job"/>.</summary>
    public static string Parse(string value, ProgrammingJob job)
    {
        var allowed = Allowed(job);
        if (allowed.FirstOrDefault(action => action.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } canonical)
        {
            return canonical;
        }

        var reason = _withoutProtocolData.FirstOrDefault(action => action.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } known
            ? $"; {known} runs without protocol data from the M-HSM, so it needs no ticket"
            : job.Type == ProgrammingJob.SmartDebug
                ? $"; job '{job.Name}' is a SmartDebug (SDebug) job, whose tickets authorise DEBUG only"
                : value.Equals(Debug, StringComparison.OrdinalIgnoreCase)
                    ? "; DEBUG is the action of a SmartDebug (SDebug) job's tickets"
                    : value.Any(char.IsWhiteSpace) ? "; a ticket authorises one action: create a ticket per action" : string.Empty;
        throw new DomainException(
            $"actions: Invalid argument value: '{value}' (expecting {string.Join(", ", allowed.SkipLast(1))}{(allowed.Count > 1 ? " or " : string.Empty)}{allowed[^1]}{reason}).",
            "BADVALUE", "-actions", value);
    }
}
