using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;

namespace Spps.JobManager;

/// <summary>
/// The names in the open project an option takes, for Tab completion at the prompt (<see cref="Spps.Tcl.Hosting.IProgramShell.CompletionNames"/>):
/// Programming Data, bitstreams, jobs, HSM tasks and devices, by the option that names them in every command.
/// </summary>
internal static class ProjectNames
{
    public static IReadOnlyList<string> For(ProjectSession? project, string option)
    {
        if (project is null)
        {
            return [];
        }

        return option switch
        {
            "data_name" => [.. project.Read<ProgrammingDataSection>().Entries.Select(entry => entry.Name)],
            "bitstream_name" => [.. project.Read<ProgrammingDataSection>().Entries.SelectMany(entry => entry.Bitstreams).Select(bitstream => bitstream.Name)],
            "job_name" => [.. project.Read<JobsSection>().Jobs.Select(job => job.Name)],
            "hsmtask_name" => [.. project.Read<JobsSection>().Jobs.SelectMany(job => job.TaskNames())],
            "device_name" or "device" => [.. project.Read<JobsSection>().Jobs.SelectMany(job => job.Devices).Select(device => device.Name)],
            _ => [],
        };
    }
}
