using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spps.Testing;

/// <summary>
/// Structure-aware mutation of JSON: one value somewhere in the document is replaced by null, a number at a limit, a
/// Boolean, an empty or huge string, a path that climbs out, an array or an object; or a member is removed or added, or
/// an array element repeated. The result is valid JSON, so the reader's checks beyond the syntax are reached.
/// </summary>
public static class JsonMutations
{
    private static readonly Func<JsonNode?>[] _replacements =
    [
        () => null,
        () => 0,
        () => -1,
        () => 2147483648L,
        () => long.MinValue,
        () => JsonValue.Create(1e308),
        () => 0.5,
        () => true,
        () => string.Empty,
        () => "x",
        () => new string('A', 100_000),
        () => "../../outside",
        () => "/etc/passwd",
        () => "\u0000",
        () => new JsonArray(),
        () => new JsonArray((JsonNode?)null),
        () => new JsonObject(),
        () => new JsonObject { ["unexpected"] = null },
    ];

    public static Mutation Mutation { get; } = new("JSON value", (random, input, _) => Mutate(random, input));

    /// <summary>The mutated document, or the input unchanged when it is not JSON.</summary>
    public static byte[] Mutate(Random random, byte[] json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        if (root is null)
        {
            return json;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        switch (random.Next(6))
        {
            case 0 when target.Parent is JsonObject parent:
                parent.Remove(target.GetPropertyName());
                break;
            case 1 when target is JsonObject container:
                container["unexpected" + random.Next(100)] = _replacements[random.Next(_replacements.Length)]();
                break;
            case 2 when target.Parent is JsonArray array:
                array.Insert(array.IndexOf(target), target.DeepClone());
                break;
            default:
                root = Replace(root, target, _replacements[random.Next(_replacements.Length)]());
                break;
        }

        return root is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(root);
    }

    private static JsonNode? Replace(JsonNode root, JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                return root;
            case JsonArray array:
                array[array.IndexOf(target)] = replacement;
                return root;
            default:
                return replacement; // the root itself
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject members => members.Select(member => member.Value),
            JsonArray elements => elements,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().ToList())
        {
            Collect(child, nodes);
        }
    }
}
