using System.Text.Json;
using System.Text.Json.Serialization;
using Spps.Devices;

namespace Spps.Formats.Design;

/// <summary>
/// The JSON parts of JDC and SPM files, as written on disk. Unknown members are refused, so a typo is an error; so are
/// null for a value that cannot be null and a number for an enumeration, which the readers would otherwise meet later.
/// </summary>
internal static class DesignJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    internal sealed record DesignPart(
        string Die, string Package, string DesignName, int DesignVersion, int BackLevel, bool AutoUpdate,
        string SiliconSignature, string DesignChecksum, List<EnvmPart> EnvmClients, List<SnvmPart> SnvmClients, SecurityPolicy Policy);

    internal sealed record EnvmPart(string Name, int Address, int Size);

    internal sealed record SnvmPart(string Name, int StartPage, int Size, SnvmClientKind Kind);

    internal sealed record SpmPart(string Die, SecurityPolicy Policy);

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(byte[] json, string source, string part)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("it is null");
        }
        catch (JsonException error)
        {
            throw new Containers.ContainerException($"'{source}': {part} is not valid: {error.Message}");
        }
    }

    public static Dictionary<string, string> KeysToHex(IReadOnlyDictionary<string, byte[]> keys) =>
        KeyNames.User.Where(keys.ContainsKey).ToDictionary(name => name, name => Convert.ToHexString(keys[name]));
}
