using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.Formats;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Projects;

/// <summary>
/// The production record as it is written today, <c>&lt;job name&gt;.production.jsonl</c> (docs/formats/pro.md): a
/// header line, then one JSON line per entry — a device's result, a CoC, the job's end — appended as it happens, so a
/// device costs one line whatever the job's length. Each append ends with its line feed and is flushed to disk before
/// the next device; a last line without one was cut off by a crash while it was written, and is reported, never read.
/// </summary>
public static class ProductionLog
{
    public const int SchemaVersion = 2;

    private const string ResultEntry = "result";
    private const string CocEntry = "coc";
    private const string CompletedEntry = "completed";

    // One entry per line: the files' usual indentation would split it.
    private static readonly JsonSerializerOptions _writing = new(JsonFiles.Options) { WriteIndented = false };

    public static string PathFor(string folder, string jobName) => Path.Combine(folder, jobName + ".production.jsonl");

    /// <summary>The whole file of <paramref name="record"/>: the header, then its results, CoCs and end in that order.</summary>
    public static byte[] ToBytes(ProductionRecord record)
    {
        var lines = new StringBuilder(VersionedJson.Header(ProductionRecord.FormatName, SchemaVersion).ToJsonString(_writing)).Append('\n');
        var entries = record.Results.Select(result => Line(ResultEntry, result))
            .Concat(record.Cocs.Select(coc => Line(CocEntry, coc)))
            .Concat(record.Completed is { } completed ? [Line(CompletedEntry, completed)] : []);
        foreach (var entry in entries)
        {
            lines.Append(entry);
        }

        return Encoding.UTF8.GetBytes(lines.ToString());
    }

    /// <summary>The line appended for a device's result, with its CoC's line when it gave one.</summary>
    public static byte[] ResultLines(DeviceResult result, CollectedCoc? coc) =>
        Encoding.UTF8.GetBytes(Line(ResultEntry, result) + (coc is null ? string.Empty : Line(CocEntry, coc)));

    /// <summary>The line appended for the job's end.</summary>
    public static byte[] CompletionLine(JobCompletion completion) => Encoding.UTF8.GetBytes(Line(CompletedEntry, completion));

    /// <summary>
    /// Reads a record; anything this version would not write is refused naming <paramref name="path"/>. Returns it with
    /// the length of an entry cut off at the end (0 when the last line is whole), which is not part of it.
    /// </summary>
    public static (ProductionRecord Record, int TornBytes) Parse(byte[] content, string path)
    {
        try
        {
            var whole = content.AsSpan().LastIndexOf((byte)'\n') + 1;
            var lines = Lines(content.AsMemory(0, whole)).ToList();
            if (lines.Count == 0)
            {
                throw new JsonException("its header line is missing or not whole");
            }

            var version = VersionedJson.Read(lines[0].ToArray(), ProductionRecord.FormatName, SchemaVersion, "production record", path)["schemaVersion"]!.GetValue<int>();
            if (version != SchemaVersion)
            {
                throw new JsonException($"its header gives schema version {version}, which is not written line by line");
            }

            return (Entries(lines).Checked(), content.Length - whole);
        }
        catch (Exception error) when (ProductionRecord.IsFormatError(error))
        {
            throw ProductionRecord.Corrupt(path, error.Message);
        }
    }

    /// <summary>What a station prints when the record ends with an entry cut off while it was written.</summary>
    public static string TornEntryWarning(string path, int tornBytes) =>
        $"The production record '{path}' ends with an entry cut off while it was written ({tornBytes} bytes: the station stopped then). " +
        "That entry is not in the record; the device it was for may have been programmed and its ticket spent (the job status counts it).";

    private static string Line<T>(string entry, T value) => new JsonObject { [entry] = JsonSerializer.SerializeToNode(value, _writing) }.ToJsonString(_writing) + "\n";

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(ReadOnlyMemory<byte> text)
    {
        while (!text.IsEmpty)
        {
            var end = text.Span.IndexOf((byte)'\n');
            yield return text[..end];
            text = text[(end + 1)..];
        }
    }

    // Every line after the header is one entry, an object of one member naming its kind; a refusal names the line.
    private static ProductionRecord Entries(List<ReadOnlyMemory<byte>> lines)
    {
        var entries = new EntryList();
        for (var index = 1; index < lines.Count; index++)
        {
            try
            {
                entries.Add(lines[index].Span);
            }
            catch (Exception error) when (ProductionRecord.IsFormatError(error))
            {
                throw new JsonException($"line {index + 1}: {error.Message.TrimEnd('.')}", error);
            }
        }

        return new ProductionRecord { Results = entries.Results, Cocs = entries.Cocs, Completed = entries.Completed };
    }

    private sealed class EntryList
    {
        public List<DeviceResult> Results { get; } = [];

        public List<CollectedCoc> Cocs { get; } = [];

        public JobCompletion? Completed { get; private set; }

        public void Add(ReadOnlySpan<byte> line)
        {
            if (StrictJson.Parse(line) is not JsonObject { Count: 1 } entry)
            {
                throw new JsonException("it is not an object of one entry");
            }

            var (kind, value) = entry.Single();
            switch (kind)
            {
                case ResultEntry:
                    Results.Add(value.Deserialize<DeviceResult>(ProductionRecord.Reading) ?? throw new JsonException("its result is null"));
                    break;
                case CocEntry:
                    Cocs.Add(value.Deserialize<CollectedCoc>(ProductionRecord.Reading) ?? throw new JsonException("its CoC is null"));
                    break;
                case CompletedEntry when Completed is null:
                    Completed = value.Deserialize<JobCompletion>(ProductionRecord.Reading) ?? throw new JsonException("its end is null");
                    break;
                case CompletedEntry:
                    throw new JsonException("it completes the job a second time");
                default:
                    throw new JsonException($"it holds '{kind}', which is not a result, a CoC or the job's end");
            }
        }
    }
}
