using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spps.Formats.Containers;

/// <summary>
/// Writes and reads containers: a ZIP file whose first entry is <c>manifest.json</c> (type, format version,
/// creator, creation time, and the SHA-256 of every part) followed by the parts in name order. Output is
/// deterministic for the same content. Reading checks everything and refuses any mismatch. A signed container has a
/// second entry, <c>manifest.sig</c>: a signature over the manifest's exact bytes, which list every part's SHA-256, so
/// one signature covers the whole container (docs/formats/container.md).
/// </summary>
public static class ContainerFile
{
    public const string ManifestName = "manifest.json";
    public const string SignatureName = "manifest.sig";

    /// <summary>Parts larger than this are refused on reading (a guard against decompression bombs).</summary>
    public const long MaximumPartBytes = 1L << 30;

    /// <summary>
    /// Parts read whole into memory (everything but a JDC's fabric data, which is streamed) are refused above this size,
    /// far above any real one, so a small file cannot make the reader allocate a gigabyte. A type whose format needs more
    /// sets its own limit, with its arithmetic (the job status: docs/formats/job-status.md, "Size").
    /// </summary>
    public const int MaximumWholePartBytes = 16 << 20;

    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    public static void Write(Stream output, Container container) => Write(output, container, signManifest: null);

    /// <summary>Writes a signed container: <paramref name="signManifest"/> signs the manifest's bytes (the signer decides the scheme).</summary>
    public static void WriteSigned(Stream output, Container container, Func<byte[], byte[]> signManifest) => Write(output, container, signManifest);

    private static void Write(Stream output, Container container, Func<byte[], byte[]>? signManifest)
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
        var manifestBytes = System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString(_json).ReplaceLineEndings("\n") + "\n");
        // A signed container is stored, not deflated: its bytes then depend on nothing but its content, so a reader can
        // require exactly the bytes the writer makes, whatever deflate implementation either side runs.
        var compression = signManifest is null ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
        AddEntry(zip, ManifestName, manifestBytes, stamp, compression);
        if (signManifest is not null)
        {
            AddEntry(zip, SignatureName, signManifest(manifestBytes), stamp, compression);
        }

        foreach (var (name, content) in container.Parts.OrderBy(part => part.Key, StringComparer.Ordinal))
        {
            AddEntry(zip, name, content, stamp, compression);
        }
    }

    public static byte[] ToBytes(Container container)
    {
        using var buffer = new MemoryStream();
        Write(buffer, container);
        return buffer.ToArray();
    }

    public static byte[] ToSignedBytes(Container container, Func<byte[], byte[]> signManifest)
    {
        using var buffer = new MemoryStream();
        WriteSigned(buffer, container, signManifest);
        return buffer.ToArray();
    }

    /// <summary>Reads a (small) container of the expected type whole; <paramref name="source"/> (usually the path) is named in errors.</summary>
    public static Container Read(Stream input, string source, string expectedType, int newestFormatVersion)
    {
        using var reader = ContainerReader.Open(input, source, expectedType, newestFormatVersion);
        return ReadParts(reader);
    }

    /// <summary>
    /// Reads a (small) signed container of the expected type whole, every part checked against the manifest, and
    /// refuses any bytes but those the writer makes of that content; the caller checks the signature over
    /// <see cref="SignedContainer.Manifest"/> with the key it trusts. A part above <paramref name="maximumWholePartBytes"/>
    /// (<see cref="ContainerReader.Open"/>) is refused before it is inflated.
    /// </summary>
    public static SignedContainer ReadSigned(Stream input, string source, string expectedType, int newestFormatVersion, int maximumWholePartBytes = MaximumWholePartBytes)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var bytes = buffer.ToArray();
        using var reader = ContainerReader.Open(new MemoryStream(bytes, writable: false), source, expectedType, newestFormatVersion, signed: true, maximumWholePartBytes);
        var content = ReadParts(reader);
        var signature = reader.Signature!;

        // ZIP has fields its readers ignore (a local header's time, sizes, even its copy of the name): a signed container
        // must have one encoding, so a byte changed anywhere outside the signed content is refused too.
        if (!ToSignedBytes(content, _ => signature).AsSpan().SequenceEqual(bytes))
        {
            throw ContainerReader.Invalid(source, "its bytes are not those its writer makes of its content (a byte outside the signed content was altered)");
        }

        return new SignedContainer(content, reader.Manifest, signature);
    }

    private static Container ReadParts(ContainerReader reader)
    {
        var parts = reader.PartNames.ToDictionary(name => name, reader.Read, StringComparer.Ordinal);
        return new Container(reader.Type, reader.FormatVersion, reader.Creator, reader.Created, parts);
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] content, DateTimeOffset stamp, CompressionLevel compression)
    {
        var entry = zip.CreateEntry(name, compression);
        entry.LastWriteTime = stamp;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
