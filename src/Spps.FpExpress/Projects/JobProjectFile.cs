using System.Text.Json;
using Spps.Formats.Jobs;
using Spps.Devices;
using Spps.Workspace;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Projects;

/// <summary>
/// The content of a job project's <c>&lt;job name&gt;.pro</c> (docs/formats/pro.md): which job the project runs (its
/// copy in the project folder and the SHA-256 that copy must keep) and the programming action selected per target.
/// </summary>
public sealed record JobProjectFile
{
    public const string FormatName = "spps-fpexpress-project";
    public const int CurrentSchemaVersion = 1;
    public const string Extension = ".pro";

    // A missing or null member is refused by the reader itself, so no check below meets a null.
    private static readonly JsonSerializerOptions _reading = new(JsonFiles.Options) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public required JobReference Job { get; init; }

    /// <summary>The action of each target, by device name.</summary>
    public required IReadOnlyDictionary<string, string> Actions { get; init; }

    public byte[] ToBytes() => VersionedJson.ToBytes(FormatName, CurrentSchemaVersion,
        ("job", JsonSerializer.SerializeToNode(Job, JsonFiles.Options)),
        ("actions", JsonSerializer.SerializeToNode(new SortedDictionary<string, string>(Actions.ToDictionary(), StringComparer.Ordinal), JsonFiles.Options)));

    /// <summary>Reads a project file; anything this version would not write is refused naming <paramref name="path"/> and the value.</summary>
    public static JobProjectFile Parse(byte[] content, string path)
    {
        try
        {
            var root = VersionedJson.Read(content, FormatName, CurrentSchemaVersion, "job project file", path);
            var file = new JobProjectFile
            {
                Job = root["job"].Deserialize<JobReference>(_reading) ?? throw new JsonException("'job' is missing"),
                Actions = root["actions"].Deserialize<Dictionary<string, string>>(_reading) ?? throw new JsonException("'actions' is missing"),
            };
            return file.Problem() is { } problem ? throw new JsonException(problem) : file;
        }
        catch (JsonException error)
        {
            throw Corrupt(path, error.Message.TrimEnd('.'));
        }
    }

    public static DomainException Corrupt(string path, string reason) =>
        new($"The job project file '{path}' is not a valid job project: {reason}.", "CORRUPT", path);

    private string? Problem()
    {
        if (!EntryName.IsValid(Job.Name))
        {
            return $"the job name '{Job.Name}' is not {EntryName.Expecting}";
        }

        if (Job.File != Job.Name + ".job" && Job.File != Job.Name + DebugJob.Extension)
        {
            return $"the job's copy '{Job.File}' is not '{Job.Name}.job' or '{Job.Name}{DebugJob.Extension}'";
        }

        if (Job.Sha256.Length != 64 || !Job.Sha256.All(char.IsAsciiHexDigitLower))
        {
            return $"the job's sha256 '{Job.Sha256}' is not 64 lower-case hex digits";
        }

        // A null action (JSON null) is as wrong as an unknown one, and must not reach the set's comparer.
        var bad = Actions.FirstOrDefault(pair => pair.Value is null || !ProgrammingActions.Recorded.Contains(pair.Value));
        return bad.Key is null ? null : $"the action '{bad.Value ?? "null"}' of device '{bad.Key}' is not one of {string.Join(", ", ProgrammingActions.Recorded)}";
    }
}

/// <summary>The job a project runs: its name, its copy's file name in the project folder, the copy's SHA-256, and where it was read from.</summary>
public sealed record JobReference(string Name, string File, string Sha256, string Source);
