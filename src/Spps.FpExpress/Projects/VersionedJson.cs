using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.Formats;
using Spps.Workspace;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Projects;

/// <summary>
/// The header the job project's JSON files share (docs/formats/pro.md): a format name, a schema version and the
/// program that wrote the file, then the file's own members.
/// </summary>
internal static class VersionedJson
{
    /// <summary>The file's bytes: the header, then <paramref name="members"/> in order.</summary>
    public static byte[] ToBytes(string format, int schemaVersion, params (string Name, JsonNode? Value)[] members)
    {
        var root = Header(format, schemaVersion);
        foreach (var (name, value) in members)
        {
            root[name] = value;
        }

        return JsonFiles.ToBytes(root);
    }

    /// <summary>The header alone: the format's name, the schema version and the program writing the file.</summary>
    public static JsonObject Header(string format, int schemaVersion) =>
        new() { ["format"] = format, ["schemaVersion"] = schemaVersion, ["creator"] = ProgramIdentity.Creator };

    /// <summary>
    /// The file's top-level object once its header is checked: a file of another format or not JSON is a
    /// <see cref="JsonException"/> (the caller names the file as corrupt); a newer schema is refused as such.
    /// </summary>
    public static JsonObject Read(byte[] content, string format, int currentVersion, string what, string path)
    {
        var root = StrictJson.Parse(content) as JsonObject ?? throw new JsonException("the top level is not a JSON object");
        if (root["format"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || (string?)name != format)
        {
            throw new JsonException($"'format' is not \"{format}\"");
        }

        if (root["schemaVersion"] is not JsonValue versionValue || !versionValue.TryGetValue<int>(out var version) || version < 1)
        {
            throw new JsonException("'schemaVersion' is missing or not a positive integer");
        }

        return version <= currentVersion
            ? root
            : throw new DomainException(
                $"The {what} '{path}' has schema version {version}, newer than this fpexpress reads ({currentVersion}). Open it with a newer fpexpress.",
                "SCHEMA", path, version.ToString(CultureInfo.InvariantCulture));
    }
}
