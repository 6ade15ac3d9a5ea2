using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spps.Formats.Containers;

/// <summary>
/// Opens a container and checks its manifest; parts are read on demand, each checked against its SHA-256, so a large
/// part (a die's fabric data) never has to sit in memory just to be validated.
/// </summary>
public sealed class ContainerReader : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, (string Sha256, long Size)> _parts = new(StringComparer.Ordinal);
    private readonly int _maximumWholePartBytes;

    private ContainerReader(ZipArchive zip, string source, int maximumWholePartBytes)
    {
        _zip = zip;
        Source = source;
        _maximumWholePartBytes = maximumWholePartBytes;
    }

    public string Source { get; }

    public string Type { get; private set; } = string.Empty;

    public int FormatVersion { get; private set; }

    public string Creator { get; private set; } = string.Empty;

    public DateTimeOffset Created { get; private set; }

    public IReadOnlyCollection<string> PartNames => _parts.Keys;

    /// <summary>The manifest's exact bytes, which a signed container's signature covers.</summary>
    public byte[] Manifest { get; private set; } = [];

    /// <summary>A signed container's signature over <see cref="Manifest"/>; null for an unsigned container.</summary>
    public byte[]? Signature { get; private set; }

    /// <summary>
    /// Opens a container of the expected type; refuses a wrong type, a newer version, or a manifest that does not match
    /// the entries, and a signature entry where none is expected or its absence where one is (<paramref name="signed"/>).
    /// A part read whole is refused above <paramref name="maximumWholePartBytes"/>: the container type's own limit where
    /// its format sets one (a job status), else <see cref="ContainerFile.MaximumWholePartBytes"/>.
    /// </summary>
    public static ContainerReader Open(Stream input, string source, string expectedType, int newestFormatVersion, bool signed = false,
        int maximumWholePartBytes = ContainerFile.MaximumWholePartBytes)
    {
        var reader = new ContainerReader(OpenZip(input, source), source, maximumWholePartBytes);
        try
        {
            reader.ReadManifest(expectedType, newestFormatVersion);
            reader.ReadSignature(signed);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public bool Has(string name) => _parts.ContainsKey(name);

    /// <summary>A part's size and SHA-256 as the manifest gives them (checked whenever the part is read or verified).</summary>
    public (long Size, string Sha256) Describe(string name) =>
        _parts.TryGetValue(name, out var part) ? (part.Size, part.Sha256.ToLowerInvariant()) : throw new ContainerException($"'{Source}' has no part '{name}'.");

    /// <summary>A whole part, checked against its SHA-256; refused before a byte of it is inflated when larger than this type's limit.</summary>
    public byte[] Read(string name)
    {
        var (size, _) = Describe(name);
        if (size > _maximumWholePartBytes)
        {
            throw Invalid(Source, $"the part '{name}' has {size} bytes, more than the {_maximumWholePartBytes} such a part can have");
        }

        using var buffer = new MemoryStream();
        Copy(name, buffer);
        return buffer.ToArray();
    }

    /// <summary>Streams a part into <paramref name="destination"/>, checking its size and SHA-256 on the way.</summary>
    public void Copy(string name, Stream destination)
    {
        var (sha256, size) = _parts.TryGetValue(name, out var listed) ? listed : throw new ContainerException($"'{Source}' has no part '{name}'.");
        var entry = _zip.GetEntry(name)!;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            using var stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
                if (total > size)
                {
                    throw Invalid(Source, $"the part '{name}' is longer than its manifest says");
                }

                hash.AppendData(buffer, 0, read);
                destination.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException error)
        {
            throw Invalid(Source, $"the part '{name}' cannot be decompressed ({error.Message.TrimEnd('.')})");
        }

        if (total != size || !string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(Source, $"the part '{name}' does not match its SHA-256 in the manifest (the file was altered or damaged)");
        }
    }

    /// <summary>Checks every part without keeping any.</summary>
    public void VerifyAll()
    {
        foreach (var name in _parts.Keys)
        {
            Copy(name, Stream.Null);
        }
    }

    public void Dispose() => _zip.Dispose();

    // The central directory is read on first use: it is read here, where a damaged one is reported as such.
    private static ZipArchive OpenZip(Stream input, string source)
    {
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
            _ = zip.Entries;
            return zip;
        }
        catch (InvalidDataException error)
        {
            zip?.Dispose();
            throw Invalid(source, $"it is not a readable ZIP file ({error.Message.TrimEnd('.')})");
        }
    }

    internal static ContainerException Invalid(string source, string reason) => new($"'{source}' is not a valid container: {reason}.");

    private void ReadManifest(string expectedType, int newestFormatVersion)
    {
        var entry = _zip.GetEntry(ContainerFile.ManifestName) ?? throw Invalid(Source, $"it has no {ContainerFile.ManifestName}");
        if (entry.Length > 1 << 20)
        {
            throw Invalid(Source, "its manifest is implausibly large");
        }

        JsonObject manifest;
        try
        {
            // One byte more than the entry declares is asked for: getting it means the declared size is false.
            using var stream = entry.Open();
            var content = new byte[entry.Length + 1];
            var length = stream.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
            if (length != entry.Length)
            {
                throw Invalid(Source, $"its manifest does not have the {entry.Length} bytes its ZIP entry declares");
            }

            Manifest = content[..length];
            manifest = StrictJson.Parse(Manifest) as JsonObject ?? throw Invalid(Source, "its manifest is not a JSON object");
        }
        catch (Exception error) when (error is JsonException or InvalidDataException)
        {
            throw Invalid(Source, "its manifest cannot be read: " + error.Message.TrimEnd('.'));
        }

        Type = Text(manifest, "type");
        if (Type != expectedType)
        {
            throw Invalid(Source, $"it is a '{Type}' container, not a '{expectedType}'");
        }

        FormatVersion = manifest["formatVersion"] is JsonValue value && value.TryGetValue<int>(out var number) && number >= 1
            ? number
            : throw Invalid(Source, "its manifest has no valid formatVersion");
        if (FormatVersion > newestFormatVersion)
        {
            throw new ContainerException($"'{Source}' has {expectedType} format version {FormatVersion}, newer than this program reads ({newestFormatVersion}).");
        }

        Creator = Text(manifest, "creator");
        Created = DateTimeOffset.TryParse(Text(manifest, "created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Invalid(Source, "its manifest has no valid creation time");
        var listed = manifest["parts"] as JsonObject ?? throw Invalid(Source, "its manifest lists no parts");
        foreach (var (name, description) in listed)
        {
            var zipEntry = _zip.GetEntry(name) ?? throw Invalid(Source, $"the part '{name}' listed in its manifest is missing");
            var part = description as JsonObject ?? throw Invalid(Source, $"the manifest's entry for '{name}' is not an object with its sha256 and size");
            var sha256 = part["sha256"] is JsonValue hash && hash.TryGetValue<string>(out var text) ? text : throw Invalid(Source, $"the manifest gives no SHA-256 for '{name}'");
            var size = part["size"] is JsonValue sizeValue && sizeValue.TryGetValue<long>(out var bytes) && bytes >= 0 ? bytes : zipEntry.Length;
            if (size != zipEntry.Length || size > ContainerFile.MaximumPartBytes)
            {
                throw Invalid(Source, $"the part '{name}' has {zipEntry.Length} bytes, not the {size} its manifest gives (or more than {ContainerFile.MaximumPartBytes})");
            }

            _parts[name] = (sha256, size);
        }

        var unlisted = _zip.Entries.Select(e => e.FullName)
            .FirstOrDefault(name => name is not ContainerFile.ManifestName and not ContainerFile.SignatureName && !_parts.ContainsKey(name));
        if (unlisted is not null)
        {
            throw Invalid(Source, $"it holds '{unlisted}', which its manifest does not list");
        }
    }

    // A signature is a few dozen bytes; an entry that claims more is refused before it is read.
    private void ReadSignature(bool signed)
    {
        var entry = _zip.GetEntry(ContainerFile.SignatureName);
        if (entry is null)
        {
            Signature = signed ? throw Invalid(Source, $"it is not signed (it has no {ContainerFile.SignatureName})") : null;
            return;
        }

        if (!signed)
        {
            throw Invalid(Source, $"it holds '{ContainerFile.SignatureName}', but a '{Type}' container is not signed");
        }

        const int maximumSignatureBytes = 1024;
        if (entry.Length > maximumSignatureBytes)
        {
            throw Invalid(Source, "its signature is implausibly large");
        }

        try
        {
            using var stream = entry.Open();
            var content = new byte[entry.Length + 1];
            var length = stream.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
            Signature = length == entry.Length ? content[..length] : throw Invalid(Source, $"its signature does not have the {entry.Length} bytes its ZIP entry declares");
        }
        catch (InvalidDataException error)
        {
            throw Invalid(Source, "its signature cannot be read: " + error.Message.TrimEnd('.'));
        }
    }

    private string Text(JsonObject manifest, string key) =>
        manifest[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Invalid(Source, $"its manifest has no '{key}'");
}
