using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spps.JobManager.Storage;

/// <summary>The one JSON style of every file we write: indented, camelCase, LF line ends, a final newline.</summary>
public static class JsonFiles
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] ToBytes(JsonNode node) =>
        System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(Options).ReplaceLineEndings("\n") + "\n");
}
