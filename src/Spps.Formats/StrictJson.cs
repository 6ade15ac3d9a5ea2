using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Spps.Formats;

/// <summary>
/// Parses the JSON of our files. <see cref="JsonNode.Parse(ReadOnlySpan{byte}, JsonNodeOptions?, JsonDocumentOptions)"/>
/// checks the syntax but decodes strings and builds objects only when they are used, so invalid UTF-8 or a member given
/// twice would surface later, far from the reader, as another exception; here both are refused at once, as the same
/// JsonException as any other defect of the text.
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions _options = new() { AllowDuplicateProperties = false };

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8) =>
        Utf8.IsValid(utf8) ? JsonNode.Parse(utf8, documentOptions: _options) : throw new JsonException("the text is not valid UTF-8");
}
