using Spps.Devices;
using Spps.Formats.Jobs;
using Spps.Silicon;
using Spps.Workspace.Projects;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Projects;

/// <summary>
/// An open job project: the job it runs, the programming action selected per target, and the lock that keeps other
/// fpexpress processes out of the project folder while it is open. What a run did is not kept here but in the
/// project's production record, appended to as it happens by <see cref="Recorder"/>.
/// </summary>
public sealed class JobProject : IOpenProject
{
    private readonly ProjectLock _lock;
    private readonly Dictionary<string, string> _actions;
    private readonly Dictionary<string, ProgrammingFile> _programmingFiles = new(StringComparer.Ordinal);
    private JobProjectFile _saved;

    internal JobProject(string filePath, ProductionJob job, JobProjectFile file, ProjectLock projectLock)
    {
        FilePath = filePath;
        Job = job;
        _saved = file;
        _actions = new Dictionary<string, string>(file.Actions, StringComparer.Ordinal);
        _lock = projectLock;
        Recorder = new ProductionRecorder(Folder, Name);
    }

    public string FilePath { get; }

    public string Name => Job.Name;

    public string Label => $"Job project '{Name}'";

    /// <summary>The project folder: the project file, the job's copy and the production record.</summary>
    public string Folder => Path.GetDirectoryName(FilePath)!;

    public ProductionJob Job { get; }

    /// <summary>The writer of the project's production record while it is open.</summary>
    public ProductionRecorder Recorder { get; }

    public bool IsModified => !_saved.Actions.OrderBy(pair => pair.Key, StringComparer.Ordinal)
        .SequenceEqual(_actions.OrderBy(pair => pair.Key, StringComparer.Ordinal));

    /// <summary>The action selected for <paramref name="target"/>.</summary>
    public string ActionOf(JobDeviceDescription target) => _actions[target.DeviceName];

    public void SelectAction(JobDeviceDescription target, string action) => _actions[target.DeviceName] = action;

    /// <summary>
    /// The programming file of <paramref name="target"/>, decoded from the job's STAPL (parsed, ACA-decompressed,
    /// CRC-checked) on first use and kept while the project is open: the job cannot change meanwhile (its copy was
    /// checked against the project's SHA-256 when opened, and the folder is locked), and decoding it again for every
    /// board was up to three fifths of a device's time.
    /// </summary>
    public ProgrammingFile ProgrammingFileOf(JobDeviceDescription target)
    {
        if (!_programmingFiles.TryGetValue(target.DeviceName, out var file))
        {
            file = ProgrammingFile.FromStapl(Job.ProgrammingFile(target), $"{target.ProgrammingFileName} in job '{Name}'");
            _programmingFiles.Add(target.DeviceName, file);
        }

        return file;
    }

    /// <summary>Writes the project file atomically; on failure the previous file is intact and the project stays modified.</summary>
    public void Save()
    {
        var file = _saved with { Actions = new Dictionary<string, string>(_actions, StringComparer.Ordinal) };
        AtomicFile.WriteAllBytes(FilePath, file.ToBytes());
        _saved = file;
    }

    /// <summary>
    /// Refuses <paramref name="command"/> unless the job is a debug job (<paramref name="debugJob"/>) or a programming
    /// job (otherwise), naming what to use instead: a debug job's targets are unlocked, never programmed, and a
    /// programming job has no DEBUG ticket to unlock with.
    /// </summary>
    public void RequireKind(bool debugJob, string command, string instead)
    {
        if (Job.IsDebugJob != debugJob)
        {
            throw new DomainException(
                $"Job '{Name}' is {Job.Kind}: {command} runs on {(debugJob ? "a debug job (.ddc, export_hsmtask of an SDebug job)" : "a programming job (.job)")} only. Use {instead} instead.",
                "JOBKIND", command, Name);
        }
    }

    /// <summary>The target named <paramref name="name"/>, or a refusal naming the job's targets.</summary>
    public JobDeviceDescription Target(string name) =>
        Job.Targets.FirstOrDefault(target => target.DeviceName == name)
        ?? throw new DomainException(
            Job.Devices.Any(device => device.DeviceName == name)
                ? $"The device '{name}' is bypassed in job '{Name}': it has no programming action. Targets: {string.Join(", ", Job.Targets.Select(target => target.DeviceName))}."
                : $"The device with '{name}' name does not exist in job '{Name}'. Its targets: {string.Join(", ", Job.Targets.Select(target => target.DeviceName))}.",
            "NODEVICE", "-name", name);

    /// <summary>Releases the lock; unsaved changes are dropped (callers decide beforehand whether to save).</summary>
    public void Dispose() => _lock.Dispose();
}
