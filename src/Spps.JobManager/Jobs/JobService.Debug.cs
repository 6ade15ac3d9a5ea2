using Spps.Formats.Files;
using Spps.Devices;
using Spps.Formats.Jobs;

namespace Spps.JobManager.Jobs;

/// <summary><c>export_hsmtask</c> of a SmartDebug (SDebug) job: the debug job, a <c>.ddc</c> file (docs/formats/ddc.md).</summary>
public sealed partial class JobService
{
    /// <summary>Whether the job is a SmartDebug (SDebug) job, whose task is exported as a debug job.</summary>
    public bool IsDebugJob(string jobName) => Job(jobName).Type == ProgrammingJob.SmartDebug;

    /// <summary>
    /// Writes <c>&lt;location&gt;/&lt;name&gt;.ddc</c>: the chain, and for each target the public part of its DEBUG
    /// bitstream and its DEBUG tickets with their sealed secrets, made by <paramref name="seal"/> (the HSM task's
    /// sealing). Every target is a DEBUG bitstream of Programming Data: a STAPL file has no debug data. Like a job's
    /// export, it reports a step per target and one for the writing, and stops at the next one once cancelled.
    /// </summary>
    internal string ExportDebugJob(string jobName, string taskName, string location, string name, string currentFolder,
        Func<ChainDevice, (DebugBitstreamInfo Bitstream, JobTicketData Tickets)> seal, Action<string> warn, WorkSteps steps)
    {
        var job = Job(jobName);
        var fileName = OutputFileName(name, DebugJob.Extension);
        var chain = JtagChain.Of(job);
        CheckChain(job, chain);
        var path = OutputPath(location, currentFolder, fileName);
        var created = clock.LocalNowToTheSecond();
        var bitstreams = new Dictionary<string, DebugBitstreamInfo>(StringComparer.Ordinal);
        var tickets = new Dictionary<string, JobTicketData>(StringComparer.Ordinal);
        var targets = chain.Targets.Select(position => position.Device).ToList();
        steps.Total = targets.Count + 1;
        foreach (var target in targets)
        {
            steps.Next($"target '{target.Name}'"); // a whole target at a time: an HSM sealing is never cut short
            if (target.ProgrammingFile is not null)
            {
                throw new DomainException(
                    $"Device '{target.Name}' of SmartDebug job '{job.Name}' was added from a STAPL file, which carries no debug data: a debug job's target is a DEBUG bitstream " +
                    "of Programming Data (add_microsemi_prog_device -data_name -bitstream_name).", "JOBTYPE", target.Name);
            }

            (bitstreams[target.Name], tickets[target.Name]) = seal(target);
        }

        var description = Description(job, chain, taskName, tickets, DebugMemberName) with { JobType = DebugJob.JobType };
        var header = new JobContainerHeader { FileName = fileName, Created = created, Creator = Creator };
        steps.Next($"writing '{fileName}'");
        WriteOutput(path, stream => DebugJobFile.Write(stream, new DebugJob(header, description, bitstreams)), warn, steps.Cancellation);
        return path;
    }

    /// <summary>The name of a target's debug bitstream member: its device name and location, as a programming file is named.</summary>
    public static string DebugMemberName(ChainDevice target) => $"{target.Name}_{target.Location}.dbg";
}
