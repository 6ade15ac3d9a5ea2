using System.Globalization;
using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Containers;

namespace Spps.Formats.Design;

/// <summary>
/// Our JDC: a container of type <c>spps-jdc</c> with <c>design.json</c>, <c>keys.json</c>, <c>fabric.bin</c> and one
/// part per memory client (<c>envm/N.bin</c>, <c>snvm/N.bin</c>, N its index). See docs/formats/jdc.md.
/// </summary>
public static class JdcFile
{
    public const string Type = "spps-jdc";
    public const int FormatVersion = 1;

    private const string DesignPart = "design.json";
    private const string KeysPart = "keys.json";
    private const string FabricPart = "fabric.bin";

    /// <summary>Writes a JDC after checking the design against its die.</summary>
    public static byte[] ToBytes(DesignData design, byte[] fabric, string creator, DateTimeOffset created)
    {
        var complete = design with { FabricBytes = fabric.Length, FabricSha256 = Convert.ToHexStringLower(SHA256.HashData(fabric)) };
        DesignRules.Check(complete, Die(complete.Die, "the design"), "The design cannot be written as a JDC");
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [DesignPart] = DesignJson.Serialize(new DesignJson.DesignPart(
                complete.Die, complete.Package, complete.DesignName, complete.DesignVersion, complete.BackLevel, complete.AutoUpdate,
                complete.SiliconSignature.ToString("X8", CultureInfo.InvariantCulture), complete.DesignChecksum.ToString("X4", CultureInfo.InvariantCulture),
                [.. complete.EnvmClients.Select(client => new DesignJson.EnvmPart(client.Name, client.Address, client.Size))],
                [.. complete.SnvmClients.Select(client => new DesignJson.SnvmPart(client.Name, client.StartPage, client.Size, client.Kind))],
                complete.Policy)),
            [KeysPart] = DesignJson.Serialize(DesignJson.KeysToHex(complete.Keys)),
            [FabricPart] = fabric,
        };
        for (var i = 0; i < complete.EnvmClients.Count; i++)
        {
            parts[$"envm/{i}.bin"] = complete.EnvmClients[i].Content;
        }

        for (var i = 0; i < complete.SnvmClients.Count; i++)
        {
            parts[$"snvm/{i}.bin"] = complete.SnvmClients[i].Content;
        }

        return ContainerFile.ToBytes(new Container(Type, FormatVersion, creator, created, parts));
    }

    /// <summary>Reads and checks a JDC whole; the fabric is verified while streaming and not kept.</summary>
    public static DesignData Read(Stream input, string source)
    {
        using var reader = ContainerReader.Open(input, source, Type, FormatVersion);
        reader.VerifyAll();
        var part = DesignJson.Deserialize<DesignJson.DesignPart>(reader.Read(DesignPart), source, DesignPart);
        if (part.Die is null || part.Package is null || part.DesignName is null || part.EnvmClients is null || part.SnvmClients is null || part.Policy is null)
        {
            throw new ContainerException($"'{source}': {DesignPart} lacks one of die, package, designName, envmClients, snvmClients or policy.");
        }

        if (part.EnvmClients.Any(client => client?.Name is null) || part.SnvmClients.Any(client => client?.Name is null))
        {
            throw new ContainerException($"'{source}': {DesignPart} has a memory client without a name.");
        }

        var fabric = reader.Has(FabricPart) ? reader.Describe(FabricPart) : throw new ContainerException($"'{source}' has no fabric data ({FabricPart}).");
        var design = new DesignData
        {
            Die = part.Die,
            Package = part.Package,
            DesignName = part.DesignName,
            DesignVersion = part.DesignVersion,
            BackLevel = part.BackLevel,
            AutoUpdate = part.AutoUpdate,
            SiliconSignature = HexNumber(part.SiliconSignature, 8, "siliconSignature", source),
            DesignChecksum = (ushort)HexNumber(part.DesignChecksum, 4, "designChecksum", source),
            FabricBytes = fabric.Size,
            FabricSha256 = fabric.Sha256,
            EnvmClients = [.. part.EnvmClients.Select((client, i) => new EnvmClient(client.Name, client.Address, client.Size, ClientContent(reader, $"envm/{i}.bin")))],
            SnvmClients = [.. part.SnvmClients.Select((client, i) => new SnvmClient(client.Name, client.StartPage, client.Size, client.Kind, ClientContent(reader, $"snvm/{i}.bin")))],
            Policy = part.Policy,
            Keys = ReadKeys(reader.Read(KeysPart), source, KeysPart),
        };
        DesignRules.Check(design, Die(design.Die, source), $"'{source}' is not a valid JDC file");
        return design;
    }

    /// <summary>
    /// Streams the fabric data of a JDC into <paramref name="destination"/>, checking on the way that it is the fabric
    /// of <paramref name="design"/> (its size and SHA-256, as read from the file earlier): nothing is copied from a
    /// file whose manifest names other fabric data, and a part that differs from its manifest is refused.
    /// </summary>
    public static void CopyFabric(Stream input, string source, DesignData design, Stream destination)
    {
        using var reader = ContainerReader.Open(input, source, Type, FormatVersion);
        var (size, sha256) = reader.Has(FabricPart) ? reader.Describe(FabricPart) : throw new ContainerException($"'{source}' has no fabric data ({FabricPart}).");
        if (size != design.FabricBytes || !string.Equals(sha256, design.FabricSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ContainerException($"'{source}' holds other fabric data than design '{design.DesignName}' ({size} bytes of SHA-256 {sha256}, not {design.FabricBytes} bytes of {design.FabricSha256}).");
        }

        reader.Copy(FabricPart, destination);
    }

    internal static Die Die(string name, string source)
    {
        try
        {
            return DeviceCatalog.Find(name).Die;
        }
        catch (UnknownDeviceException error)
        {
            throw new ContainerException($"'{source}' targets a device this program does not know: {error.Message}");
        }
    }

    internal static IReadOnlyDictionary<string, byte[]> ReadKeys(byte[] json, string source, string part)
    {
        var hex = DesignJson.Deserialize<Dictionary<string, string?>>(json, source, part);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, value) in hex)
        {
            keys[name] = value is not null && value.Length == KeyNames.KeyBytes * 2 && value.All(char.IsAsciiHexDigit)
                ? Convert.FromHexString(value)
                : throw new ContainerException($"'{source}': the key {name} in {part} is not 64 hexadecimal digits.");
        }

        return keys;
    }

    private static byte[] ClientContent(ContainerReader reader, string part) =>
        reader.Has(part) ? reader.Read(part) : throw new ContainerException($"'{reader.Source}' lacks the client content part '{part}'.");

    private static uint HexNumber(string? text, int digits, string field, string source) =>
        text is not null && text.Length == digits && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ContainerException($"'{source}': {field} is not {digits} hexadecimal digits.");
}
