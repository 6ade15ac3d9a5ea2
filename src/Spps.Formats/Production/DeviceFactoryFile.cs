using System.Security.Cryptography;
using System.Text.Json;
using Spps.Formats.Files;

namespace Spps.Formats.Production;

/// <summary>
/// A private factory's file (format <c>spps-device-factory</c>): JSON with the format, the factory id and the seed
/// (base64), mode 0600, never overwritten. The id is checked against the seed when read, so a damaged file is refused.
/// </summary>
public static class DeviceFactoryFile
{
    public const string Format = "spps-device-factory";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes a new file readable by its owner only; an existing file is never replaced.</summary>
    public static void Write(DeviceFactory factory, string path)
    {
        var seed = factory.ExportSeed();
        try
        {
            using var stream = OwnerOnlyFile.CreateNew(path);
            JsonSerializer.Serialize(stream, new FactoryFile(Format, factory.Id, seed), _json);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Reads a file written by <see cref="Write"/>; a missing, unreadable or damaged file is refused naming it.</summary>
    public static DeviceFactory Read(string path)
    {
        byte[] seed = [];
        try
        {
            var file = StrictJson.Parse(File.ReadAllBytes(path))?.Deserialize<FactoryFile>(_json) ?? throw new JsonException("it is empty");
            seed = file.Format == Format ? file.Seed ?? [] : throw new JsonException($"it is not a {Format} file");
            var factory = seed.Length == DeviceFactory.SeedBytes ? DeviceFactory.FromSeed(seed) : throw new JsonException($"its seed is not {DeviceFactory.SeedBytes} bytes");
            if (factory.Id != file.Factory)
            {
                factory.Dispose();
                throw new JsonException("its seed does not make the factory it names");
            }

            return factory;
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ProductionFormatException($"The device factory file '{path}'",
                $"it cannot be used: {error.Message.TrimEnd('.')} (expecting a file written by 'spps-bench factory --out FILE')");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private sealed record FactoryFile(string Format, string Factory, byte[]? Seed);
}
