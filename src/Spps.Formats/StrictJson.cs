using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Spps.Formats;

/// <summary>
/// Parses the JSON of our files. <see cref="JsonNode.Parse(ReadOnlySpan{byte}, JsonNodeOptions?, JsonDocumentOptions)"/>
/// checks the syntax but decodes strings only when they are read, so invalid UTF-8 would surface later, far from the
/// reader, as an InvalidOperationException; here it is refused at once, as the same JsonException as any other defect.
/// </summary>
public static class StrictJson
{
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8) =>
        Utf8.IsValid(utf8) ? JsonNode.Parse(utf8) : throw new JsonException("the text is not valid UTF-8");
}
