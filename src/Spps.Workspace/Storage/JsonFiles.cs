using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spps.Workspace.Storage;

/// <summary>The one JSON style of every file we write: indented, camelCase, LF line ends, a final newline.</summary>
public static class JsonFiles
{
    /// <summary>Values computed from others (get-only properties such as <c>IsHsmFlow</c>) are not written: files hold facts once.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true, IgnoreReadOnlyProperties = true };

    public static byte[] ToBytes(JsonNode node) =>
        System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(Options).ReplaceLineEndings("\n") + "\n");
}
