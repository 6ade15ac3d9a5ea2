using Spps.Devices;
using Spps.Formats.Jobs;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Projects;

/// <summary>
/// The job project commands' service: at most one job project open at a time, created from a job file or opened
/// from its project file, saved and closed with the Job Manager's rule for unsaved changes. Every refusal leaves the
/// disk as it was.
/// </summary>
public sealed class JobProjectService(SettingsStore settings) : IDisposable
{
    /// <summary>The largest job file read: a job holds each target's STAPL file whole.</summary>
    public const long MaximumJobBytes = 1L << 30;

    public JobProject? Project { get; private set; }

    public JobProject RequireProject() => Project ?? throw NoProject();

    public static DomainException NoProject() => new("No job project is open. Use create_job_project or open_project first.", "NOPROJECT");

    /// <summary>
    /// <c>create_job_project</c>: makes the folder <paramref name="location"/> with <c>&lt;job name&gt;.pro</c> and the
    /// job's copy, and leaves the project open. An existing project of that job there is replaced only with
    /// <paramref name="overwrite"/> (and its production record removed with it).
    /// </summary>
    public JobProject Create(string location, string jobFile, bool overwrite, string currentFolder, Action<string> warn)
    {
        EnsureNoneOpen("create another");
        var folder = Path.GetFullPath(location, currentFolder);
        if (File.Exists(folder))
        {
            throw new DomainException(
                $"job_project_location: Invalid argument value: '{location}' (expecting a folder; '{folder}' is a file).", "BADVALUE", "-job_project_location", location);
        }

        var jobPath = Path.GetFullPath(jobFile, currentFolder);
        var job = ProductionJob.Read(InputFile.ReadAllBytes(jobPath, "job file", MaximumJobBytes), jobPath);
        JobBinding.Check(job, settings.Load(), jobPath);
        var projectPath = Path.Combine(folder, job.Name + JobProjectFile.Extension);
        Writable.Check(projectPath);
        if (File.Exists(projectPath) && !overwrite)
        {
            throw new DomainException(
                $"The job project '{projectPath}' already exists. Open it with open_project, use -overwrite 1 to replace it, or choose another -job_project_location.",
                "EXISTS", projectPath);
        }

        var file = new JobProjectFile
        {
            Job = new JobReference(job.Name, job.Name + job.Extension, job.Sha256, jobPath),
            Actions = job.Targets.ToDictionary(target => target.DeviceName, _ => ProgrammingActions.DefaultOf(job), StringComparer.Ordinal),
        };
        var created = CreatedFolders.Create([folder]);
        var projectLock = Acquire(projectPath, warn, created);
        try
        {
            var copy = Path.Combine(folder, file.Job.File);
            AtomicFile.WriteAll([(copy, stream => stream.Write(File.ReadAllBytes(jobPath))), (projectPath, stream => stream.Write(file.ToBytes()))]);
            ProductionRecord.Remove(folder, job.Name); // a replaced project's runs are not this one's
            return Project = new JobProject(projectPath, job, file, projectLock);
        }
        catch
        {
            projectLock.Dispose();
            created.RemoveEmpty();
            throw;
        }
    }

    /// <summary><c>open_project</c>: locks, then reads the project and its job copy, which must be unchanged; a refused project is left untouched and unlocked.</summary>
    public JobProject Open(string path, string currentFolder, Action<string> warn)
    {
        EnsureNoneOpen("open another");
        var projectPath = Path.GetFullPath(path, currentFolder);
        if (!projectPath.EndsWith(JobProjectFile.Extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(
                $"project: Invalid argument value: '{path}' (expecting a job project file, *{JobProjectFile.Extension}).", "BADVALUE", "-project", path);
        }

        var projectLock = Acquire(projectPath, warn, null);
        try
        {
            var file = JobProjectFile.Parse(InputFile.ReadAllBytes(projectPath, "job project file", MaximumJobBytes), projectPath);
            var job = ReadCopy(projectPath, file.Job);
            if (!file.Actions.Keys.Order(StringComparer.Ordinal).SequenceEqual(job.Targets.Select(target => target.DeviceName).Order(StringComparer.Ordinal)))
            {
                throw JobProjectFile.Corrupt(projectPath, $"its actions name the devices {string.Join(", ", file.Actions.Keys)}, not the job's targets {string.Join(", ", job.Targets.Select(target => target.DeviceName))}");
            }

            // DEBUG is a debug job's only action, and no programming job's.
            if (file.Actions.FirstOrDefault(pair => (pair.Value == ProgrammingActions.Debug) != job.IsDebugJob) is { Key: not null } misfit)
            {
                throw JobProjectFile.Corrupt(projectPath, $"the action '{misfit.Value}' of device '{misfit.Key}' is not one of {job.Kind}");
            }

            JobBinding.Check(job, settings.Load(), Path.Combine(Path.GetDirectoryName(projectPath)!, file.Job.File));
            return Project = new JobProject(projectPath, job, file, projectLock);
        }
        catch
        {
            projectLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>set_programming_action</c>: selects <paramref name="action"/> for the target named <paramref name="deviceName"/>,
    /// which may be omitted only when the job has one target. Returns the target.
    /// </summary>
    public JobDeviceDescription SetAction(string? deviceName, string action)
    {
        var project = RequireProject();
        project.RequireKind(debugJob: false, "set_programming_action", "unlock_debug -device NAME");
        var canonical = ProgrammingActions.Parse(action);
        var target = deviceName is null
            ? project.Job.Targets.Count == 1
                ? project.Job.Targets[0]
                : throw new DomainException(
                    "You must specify the device name parameter for the command 'set_programming_action' in chain programming mode. " +
                    $"Targets: {string.Join(", ", project.Job.Targets.Select(device => device.DeviceName))}.", "MISSING", "name")
            : project.Target(deviceName);
        project.SelectAction(target, canonical);
        return target;
    }

    /// <summary><c>save_project</c>.</summary>
    public void Save() => RequireProject().Save();

    /// <summary>
    /// <c>close_project</c>: <paramref name="save"/> may be omitted only when nothing changed; TRUE saves, FALSE
    /// discards. A save that fails leaves the project open, so nothing is lost.
    /// </summary>
    public CloseOutcome Close(bool? save)
    {
        var outcome = UnsavedChanges.Close(RequireProject(), save);
        Project = null;
        return outcome;
    }

    /// <summary>Releases a project left open at the end of a run; returns it if its unsaved changes were dropped.</summary>
    public JobProject? Abandon()
    {
        var project = Project;
        Project = null;
        return UnsavedChanges.Abandon(project);
    }

    public void Dispose() => Abandon();

    // The job's copy in the project folder, refused when it is no longer the job the project was created from.
    private static ProductionJob ReadCopy(string projectPath, JobReference reference)
    {
        var copyPath = Path.Combine(Path.GetDirectoryName(projectPath)!, reference.File);
        if (!File.Exists(copyPath))
        {
            throw new DomainException(
                $"The job project '{projectPath}' has lost its job copy '{copyPath}'; create the project again from the job file (create_job_project -overwrite 1).",
                "MISSINGFILE", copyPath);
        }

        var job = ProductionJob.Read(InputFile.ReadAllBytes(copyPath, "job file", MaximumJobBytes), copyPath);
        return job.Sha256 == reference.Sha256 && job.Name == reference.Name
            ? job
            : throw new DomainException(
                $"The job copy '{copyPath}' has changed since the job project was created: its SHA-256 begins {job.Sha256[..16]}, not {reference.Sha256[..16]}. " +
                "Create the project again from the job file the Job Manager exported.", "CHANGED", copyPath);
    }

    private static ProjectLock Acquire(string projectPath, Action<string> warn, CreatedFolders? created)
    {
        try
        {
            return ProjectLock.Acquire(projectPath, warn);
        }
        catch
        {
            created?.RemoveEmpty();
            throw;
        }
    }

    private void EnsureNoneOpen(string action)
    {
        if (Project is { } open)
        {
            throw new DomainException(
                $"Job project '{open.Name}' is open ('{open.FilePath}'). Close it with close_project before you {action} project.", "PROJECTOPEN", open.Name);
        }
    }
}
