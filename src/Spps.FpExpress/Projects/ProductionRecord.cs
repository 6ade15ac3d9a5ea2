using System.Text.Json;
using Spps.Devices;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Projects;

/// <summary>
/// What a job project's runs did (docs/formats/pro.md): each device's result, the CoCs the devices gave, and whether the
/// job was completed, read whole from the project's production record. The record is appended to as it happens by the
/// open project's <see cref="ProductionRecorder"/>, not with save_project: a device programmed and a ticket spent cannot
/// be undone, so neither can their record be discarded with the project's unsaved changes.
/// </summary>
public sealed record ProductionRecord
{
    public const string FormatName = "spps-fpexpress-production";

    /// <summary>The schema of the first format, one JSON file rewritten whole for every device (<c>&lt;job name&gt;.production.json</c>), still read.</summary>
    public const int WholeFileSchemaVersion = 1;

    // A missing or null member is refused by the reader itself, as in the project file.
    internal static readonly JsonSerializerOptions Reading = new(JsonFiles.Options) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public IReadOnlyList<DeviceResult> Results { get; init; } = [];

    public IReadOnlyList<CollectedCoc> Cocs { get; init; } = [];

    /// <summary>When the job was completed (complete_prog_job), or null while it runs.</summary>
    public JobCompletion? Completed { get; init; }

    /// <summary>Where a project of the first format keeps its record; today's is <see cref="ProductionLog.PathFor"/>.</summary>
    public static string WholeFilePathFor(string folder, string jobName) => Path.Combine(folder, jobName + ".production.json");

    /// <summary>
    /// The record of the project in <paramref name="folder"/>, read whole: the appended record when there is one, else a
    /// record of the first format; empty when the job never ran. An entry cut off by a crash at the record's end is
    /// left out with a warning, never read.
    /// </summary>
    public static ProductionRecord Load(string folder, string jobName, Action<string> warn)
    {
        var log = ProductionLog.PathFor(folder, jobName);
        if (File.Exists(log))
        {
            var (record, tornBytes) = ProductionLog.Parse(InputFile.ReadAllBytes(log, "production record", JobProjectService.MaximumJobBytes), log);
            if (tornBytes > 0)
            {
                warn(ProductionLog.TornEntryWarning(log, tornBytes));
            }

            return record;
        }

        var wholeFile = WholeFilePathFor(folder, jobName);
        return File.Exists(wholeFile)
            ? ParseWholeFile(InputFile.ReadAllBytes(wholeFile, "production record", JobProjectService.MaximumJobBytes), wholeFile)
            : new ProductionRecord();
    }

    /// <summary>Reads a record of the first format; anything that version would not write is refused naming <paramref name="path"/>.</summary>
    public static ProductionRecord ParseWholeFile(byte[] content, string path)
    {
        try
        {
            var root = VersionedJson.Read(content, FormatName, WholeFileSchemaVersion, "production record", path);
            var record = root["record"].Deserialize<ProductionRecord>(Reading) ?? throw new JsonException("'record' is missing");
            return record.Checked();
        }
        catch (Exception error) when (IsFormatError(error))
        {
            throw Corrupt(path, error.Message);
        }
    }

    /// <summary>The exceptions a record's reader turns into <see cref="Corrupt"/>: what the JSON reader throws for a value of the wrong form.</summary>
    internal static bool IsFormatError(Exception error) => error is JsonException or InvalidOperationException or FormatException;

    internal static DomainException Corrupt(string path, string reason) =>
        new($"The production record '{path}' is not a valid production record: {reason.TrimEnd('.')}.", "CORRUPT", path);

    /// <summary>This record, or a <see cref="JsonException"/> for what no run writes.</summary>
    internal ProductionRecord Checked() => Problem() is { } problem ? throw new JsonException(problem) : this;

    // What no run writes. The reader lets a JSON null through as an element of a list, which would reach the commands
    // that read the record (get_job_status hands every CoC to the M-HSM) as a crash.
    private string? Problem()
    {
        if (Results.Any(result => result is null) || Cocs.Any(coc => coc is null))
        {
            return "a result or a CoC is null";
        }

        if (Results.FirstOrDefault(result => result.Board < 1 || !IsDsn(result.Dsn) || !ProgrammingActions.Recorded.Contains(result.Action)) is { } result)
        {
            return $"the result of device '{result.Device}' (board {result.Board}, DSN '{result.Dsn}', action '{result.Action}') is not one a run records";
        }

        return Cocs.FirstOrDefault(coc => !IsDsn(coc.Dsn) || coc.Coc.Length == 0) is { } coc
            ? $"the CoC of device '{coc.Device}' (DSN '{coc.Dsn}', {coc.Coc.Length} bytes) is not one a device gave"
            : null;
    }

    private static bool IsDsn(string text) => Dsn.TryParse(text)?.ToString() == text;

    /// <summary>Removes the record of a project being replaced, in either format.</summary>
    public static void Remove(string folder, string jobName)
    {
        Delete(WholeFilePathFor(folder, jobName));
        Delete(ProductionLog.PathFor(folder, jobName));
    }

    internal static void Delete(string path)
    {
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
