using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.Formats.Containers;

namespace Spps.Formats.Keysets;

/// <summary>The keyset file: a container of type <c>spps-keyset</c>. See docs/formats/keyset.md.</summary>
public static class KeysetContainer
{
    public const string Type = "spps-keyset";
    /// <summary>Version 2 records which keys the HSM generated (<see cref="WrappedKeyset.GeneratedKeys"/>); version 1 files are still read.</summary>
    public const int FormatVersion = 2;

    /// <summary>AES-256-GCM output: 12-byte nonce, 32-byte ciphertext, 16-byte tag.</summary>
    public const int WrappedKeyBytes = 12 + KeyNames.KeyBytes + 16;

    private const string DescriptionPart = "keyset.json";
    private const string TicketKeyPart = "ticket-key.wrapped";

    public static byte[] ToBytes(WrappedKeyset keyset, string creator, DateTimeOffset created)
    {
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [DescriptionPart] = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
            {
                ["masterKeyUuid"] = keyset.MasterKeyUuid,
                ["keysetId"] = keyset.KeysetId,
                ["keys"] = new JsonArray([.. KeyNames.Keyset.Where(keyset.WrappedKeys.ContainsKey).Select(key => (JsonNode)key)]),
                ["generatedKeys"] = new JsonArray([.. KeyNames.Keyset.Where(keyset.GeneratedKeys.Contains).Select(key => (JsonNode)key)]),
            }, new JsonSerializerOptions { WriteIndented = true }),
            [TicketKeyPart] = keyset.WrappedTicketKey,
        };
        foreach (var (name, wrapped) in keyset.WrappedKeys)
        {
            parts[KeyPart(name)] = wrapped;
        }

        return ContainerFile.ToBytes(new Container(Type, FormatVersion, creator, created, parts));
    }

    /// <summary>Reads and checks a keyset file's structure (not its cryptography: only the HSM can check that).</summary>
    public static KeysetFile Read(Stream input, string source)
    {
        var container = ContainerFile.Read(input, source, Type, FormatVersion);
        JsonObject description;
        try
        {
            description = StrictJson.Parse(container.Part(DescriptionPart, source)) as JsonObject ?? throw Invalid(source, "keyset.json is not an object");
        }
        catch (JsonException error)
        {
            throw Invalid(source, "keyset.json is not JSON: " + error.Message);
        }

        var master = Uuid(description, "masterKeyUuid", source);
        var id = Uuid(description, "keysetId", source);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in ListedKeys(description, "keys", source))
        {
            keys[name] = Wrapped(container.Part(KeyPart(name), source), name, source);
        }

        // Version 1 files predate the record of generated keys: none of their keys counts as generated.
        var generated = container.FormatVersion < 2 ? [] : ListedKeys(description, "generatedKeys", source);
        if (generated.FirstOrDefault(name => !keys.ContainsKey(name)) is { } missing)
        {
            throw Invalid(source, $"'generatedKeys' names {missing}, which the keyset does not hold");
        }

        var keyset = new WrappedKeyset(master, id, Wrapped(container.Part(TicketKeyPart, source), "ticket key", source), keys, generated);
        return new KeysetFile(keyset, container.Created, container.Creator);
    }

    // A list of distinct keyset key names.
    private static List<string> ListedKeys(JsonObject description, string member, string source)
    {
        var names = new List<string>();
        foreach (var node in description[member] as JsonArray ?? throw Invalid(source, $"keyset.json has no '{member}' list"))
        {
            var name = node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Invalid(source, $"'{member}' holds a value that is not a key name");
            if (!KeyNames.Keyset.Contains(name) || names.Contains(name))
            {
                throw Invalid(source, $"'{member}' names an unknown or repeated key '{name}'");
            }

            names.Add(name);
        }

        return names;
    }

    private static string KeyPart(string name) => $"keys/{name}.wrapped";

    private static byte[] Wrapped(byte[] part, string what, string source) =>
        part.Length == WrappedKeyBytes ? part : throw Invalid(source, $"the wrapped {what} has {part.Length} bytes instead of {WrappedKeyBytes}");

    private static string Uuid(JsonObject description, string key, string source) =>
        description[key] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParseExact(text, "D", out _)
            ? text
            : throw Invalid(source, $"keyset.json has no valid '{key}'");

    private static ContainerException Invalid(string source, string reason) => new($"'{source}' is not a valid keyset file: {reason}.");
}
