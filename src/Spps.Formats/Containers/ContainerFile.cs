using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spps.Formats.Containers;

/// <summary>
/// Writes and reads containers: a ZIP file whose first entry is <c>manifest.json</c> (type, format version,
/// creator, creation time, and the SHA-256 of every part) followed by the parts in name order. Output is
/// deterministic for the same content. Reading checks everything and refuses any mismatch.
/// </summary>
public static class ContainerFile
{
    public const string ManifestName = "manifest.json";

    /// <summary>Parts larger than this are refused on reading (a guard against decompression bombs).</summary>
    public const long MaximumPartBytes = 1L << 30;

    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    /// <summary>The creation time to record: <c>SOURCE_DATE_EPOCH</c> when set (reproducible builds), else now.</summary>
    public static DateTimeOffset Now()
    {
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        return long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    public static void Write(Stream output, Container container)
    {
        var parts = new JsonObject();
        foreach (var (name, content) in container.Parts.OrderBy(part => part.Key, StringComparer.Ordinal))
        {
            parts[name] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)), ["size"] = content.Length };
        }

        var manifest = new JsonObject
        {
            ["type"] = container.Type,
            ["formatVersion"] = container.FormatVersion,
            ["creator"] = container.Creator,
            ["created"] = container.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["parts"] = parts,
        };

        // ZIP stores local times from 1980 on with two-second resolution; a fixed stamp keeps output reproducible.
        var stamp = container.Created.UtcDateTime < new DateTime(1980, 1, 2, 0, 0, 0, DateTimeKind.Utc)
            ? new DateTimeOffset(1980, 1, 2, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(container.Created.UtcDateTime, TimeSpan.Zero);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        AddEntry(zip, ManifestName, System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString(_json).ReplaceLineEndings("\n") + "\n"), stamp);
        foreach (var (name, content) in container.Parts.OrderBy(part => part.Key, StringComparer.Ordinal))
        {
            AddEntry(zip, name, content, stamp);
        }
    }

    public static byte[] ToBytes(Container container)
    {
        using var buffer = new MemoryStream();
        Write(buffer, container);
        return buffer.ToArray();
    }

    /// <summary>Reads a container of the expected type; <paramref name="source"/> (usually the path) is named in errors.</summary>
    public static Container Read(Stream input, string source, string expectedType, int newestFormatVersion)
    {
        try
        {
            using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
            var manifestEntry = zip.GetEntry(ManifestName) ?? throw Invalid(source, $"it has no {ManifestName}");
            var manifest = JsonNode.Parse(ReadEntry(manifestEntry, source)) as JsonObject ?? throw Invalid(source, "its manifest is not a JSON object");
            var type = Text(manifest, "type", source);
            if (type != expectedType)
            {
                throw Invalid(source, $"it is a '{type}' container, not a '{expectedType}'");
            }

            var version = manifest["formatVersion"] is JsonValue value && value.TryGetValue<int>(out var number) && number >= 1
                ? number
                : throw Invalid(source, "its manifest has no valid formatVersion");
            if (version > newestFormatVersion)
            {
                throw new ContainerException(
                    $"'{source}' has {expectedType} format version {version}, newer than this program reads ({newestFormatVersion}).");
            }

            var created = DateTimeOffset.TryParse(Text(manifest, "created", source), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw Invalid(source, "its manifest has no valid creation time");
            var listed = manifest["parts"] as JsonObject ?? throw Invalid(source, "its manifest lists no parts");
            var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, description) in listed)
            {
                var entry = zip.GetEntry(name) ?? throw Invalid(source, $"the part '{name}' listed in its manifest is missing");
                var content = ReadEntry(entry, source);
                var expected = description?["sha256"]?.GetValue<string>() ?? throw Invalid(source, $"the manifest gives no SHA-256 for '{name}'");
                if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), expected, StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid(source, $"the part '{name}' does not match its SHA-256 in the manifest (the file was altered or damaged)");
                }

                parts[name] = content;
            }

            var unlisted = zip.Entries.Select(entry => entry.FullName).FirstOrDefault(name => name != ManifestName && !parts.ContainsKey(name));
            return unlisted is null
                ? new Container(type, version, Text(manifest, "creator", source), created, parts)
                : throw Invalid(source, $"it holds '{unlisted}', which its manifest does not list");
        }
        catch (Exception error) when (error is InvalidDataException or JsonException or InvalidOperationException or FormatException)
        {
            throw Invalid(source, error.Message.TrimEnd('.'));
        }
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] content, DateTimeOffset stamp)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, string source)
    {
        if (entry.Length > MaximumPartBytes)
        {
            throw Invalid(source, $"the part '{entry.FullName}' is larger than {MaximumPartBytes} bytes");
        }

        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)entry.Length);
        stream.CopyTo(buffer);
        return buffer.Length == entry.Length ? buffer.ToArray() : throw Invalid(source, $"the part '{entry.FullName}' is truncated");
    }

    private static string Text(JsonObject manifest, string key, string source) =>
        manifest[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Invalid(source, $"its manifest has no '{key}'");

    private static ContainerException Invalid(string source, string reason) => new($"'{source}' is not a valid container: {reason}.");
}
