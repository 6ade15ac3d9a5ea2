using System.Text.Json;
using Spps.Devices;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Projects;

/// <summary>
/// What a job project's runs did, in <c>&lt;job name&gt;.production.json</c> beside the project file
/// (docs/formats/pro.md): each device's result, the CoCs the devices gave, and whether the job was completed. It is
/// written atomically after every device, not with save_project: a device programmed and a ticket spent cannot be
/// undone, so neither can their record be discarded with the project's unsaved changes.
/// </summary>
public sealed record ProductionRecord
{
    public const string FormatName = "spps-fpexpress-production";
    public const int CurrentSchemaVersion = 1;

    // A missing or null member is refused by the reader itself, as in the project file.
    private static readonly JsonSerializerOptions _reading = new(JsonFiles.Options) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public IReadOnlyList<DeviceResult> Results { get; init; } = [];

    public IReadOnlyList<CollectedCoc> Cocs { get; init; } = [];

    /// <summary>When the job was completed (complete_prog_job), or null while it runs.</summary>
    public JobCompletion? Completed { get; init; }

    public static string PathFor(string folder, string jobName) => Path.Combine(folder, jobName + ".production.json");

    /// <summary>The record of the project in <paramref name="folder"/>; empty when its job never ran.</summary>
    public static ProductionRecord Load(string folder, string jobName)
    {
        var path = PathFor(folder, jobName);
        return File.Exists(path) ? Parse(InputFile.ReadAllBytes(path, "production record", JobProjectService.MaximumJobBytes), path) : new ProductionRecord();
    }

    /// <summary>Reads a production record; anything this version would not write is refused naming <paramref name="path"/>.</summary>
    public static ProductionRecord Parse(byte[] content, string path)
    {
        try
        {
            var root = VersionedJson.Read(content, FormatName, CurrentSchemaVersion, "production record", path);
            var record = root["record"].Deserialize<ProductionRecord>(_reading) ?? throw new JsonException("'record' is missing");
            return record.Problem() is { } problem ? throw new JsonException(problem) : record;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            throw new DomainException($"The production record '{path}' is not a valid production record: {error.Message.TrimEnd('.')}.", "CORRUPT", path);
        }
    }

    public byte[] ToBytes() => VersionedJson.ToBytes(FormatName, CurrentSchemaVersion, ("record", JsonSerializer.SerializeToNode(this, JsonFiles.Options)));

    public void Save(string folder, string jobName) => AtomicFile.WriteAllBytes(PathFor(folder, jobName), ToBytes());

    // What no run writes. The reader lets a JSON null through as an element of a list, which would reach the commands
    // that read the record (get_job_status hands every CoC to the M-HSM) as a crash.
    private string? Problem()
    {
        if (Results.Any(result => result is null) || Cocs.Any(coc => coc is null))
        {
            return "a result or a CoC is null";
        }

        if (Results.FirstOrDefault(result => result.Board < 1 || !IsDsn(result.Dsn) || !ProgrammingActions.All.Contains(result.Action)) is { } result)
        {
            return $"the result of device '{result.Device}' (board {result.Board}, DSN '{result.Dsn}', action '{result.Action}') is not one a run records";
        }

        return Cocs.FirstOrDefault(coc => !IsDsn(coc.Dsn) || coc.Coc.Length == 0) is { } coc
            ? $"the CoC of device '{coc.Device}' (DSN '{coc.Dsn}', {coc.Coc.Length} bytes) is not one a device gave"
            : null;
    }

    private static bool IsDsn(string text) => Dsn.TryParse(text)?.ToString() == text;

    /// <summary>Removes the record of a project being replaced.</summary>
    public static void Remove(string folder, string jobName)
    {
        var path = PathFor(folder, jobName);
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            throw Writable.Failure(path, Spps.Formats.Files.OutputKind.File, error);
        }
    }
}

/// <summary>One device's result of one action: which board and device, what the device said, when.</summary>
public sealed record DeviceResult(int Board, string Device, string Dsn, string Action, bool Passed, int Code, string Message, DateTimeOffset Time);

/// <summary>A Certificate of Conformance a device gave after a PROGRAM, kept for the job status.</summary>
public sealed record CollectedCoc(string Device, string Dsn, byte[] Coc);

/// <summary>The end of a job: when, whether it was terminated with devices left, and the status file written then.</summary>
public sealed record JobCompletion(DateTimeOffset Time, bool Terminated, string? StatusFile);
