using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.Formats;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Projects;

/// <summary>
/// The content of a <c>.jprj</c>: a format name, a schema version, the program that wrote it, and one JSON section
/// per area. Sections this version does not know are kept as they are, so nothing written by a newer minor
/// revision is lost on save. A section is checked whenever it is read: one that this version would not write is refused
/// as a corrupt project file, naming the value, before any command can act on it. See docs/formats/jprj.md.
/// </summary>
public sealed class ProjectDocument
{
    public const string FormatName = "spps-jobmanager-project";
    public const int CurrentSchemaVersion = 1;

    // Reading refuses null where the section's types do not allow it, so a hand-edited null cannot reach a command.
    private static readonly JsonSerializerOptions _sectionReading = new(JsonFiles.Options) { RespectNullableAnnotations = true };

    private readonly SortedDictionary<string, JsonNode> _sections;
    private readonly string _path;

    private ProjectDocument(SortedDictionary<string, JsonNode> sections, string path)
    {
        _sections = sections;
        _path = path;
    }

    /// <summary>A new project's document; <paramref name="path"/> is only named in errors.</summary>
    public static ProjectDocument Empty(string path) => new(new SortedDictionary<string, JsonNode>(StringComparer.Ordinal), path);

    /// <summary>Reads and validates a project file's bytes; <paramref name="path"/> is only named in errors.</summary>
    public static ProjectDocument Parse(byte[] content, string path)
    {
        JsonObject root;
        try
        {
            root = StrictJson.Parse(content) as JsonObject ?? throw Corrupt(path, "the top level is not a JSON object");
        }
        catch (JsonException error)
        {
            throw Corrupt(path, error.Message.TrimEnd('.'));
        }

        if (root["format"] is not JsonValue format || format.GetValueKind() != JsonValueKind.String || (string?)format != FormatName)
        {
            throw Corrupt(path, $"'format' is not \"{FormatName}\"");
        }

        if (root["schemaVersion"] is not JsonValue versionValue || !versionValue.TryGetValue<int>(out var version) || version < 1)
        {
            throw Corrupt(path, "'schemaVersion' is missing or not a positive integer");
        }

        if (version > CurrentSchemaVersion)
        {
            throw new DomainException(
                $"The project file '{path}' has schema version {version}, newer than this Job Manager reads ({CurrentSchemaVersion}). " +
                "Open it with a newer Job Manager.",
                "SCHEMA", path, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (root["sections"] is not JsonObject sections)
        {
            throw Corrupt(path, "'sections' is missing or not an object");
        }

        var copy = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (name, node) in sections)
        {
            copy[name] = node?.DeepClone() ?? throw Corrupt(path, $"section '{name}' is null");
        }

        return new ProjectDocument(copy, path);
    }

    /// <summary>A fresh copy of a section, or a new empty one when the project has none yet; a section that cannot be used is refused.</summary>
    public T Read<T>() where T : class, IProjectSection, new()
    {
        if (!_sections.TryGetValue(T.SectionName, out var node))
        {
            return new T();
        }

        T section;
        try
        {
            section = node.Deserialize<T>(_sectionReading) ?? throw new JsonException("it is null");
        }
        catch (JsonException error)
        {
            throw Corrupt(_path, $"section '{T.SectionName}' cannot be read: {error.Message.TrimEnd('.')}");
        }

        var problem = (HasNullInList(node) ? "a list holds null" : null) ?? section.Problems().FirstOrDefault();
        return problem is null ? section : throw Corrupt(_path, $"section '{T.SectionName}': {problem}");
    }

    /// <summary>Stores a section; one equal to a new, empty section is stored as absent, so empty and missing are the same.</summary>
    public void Write<T>(T section) where T : class, IProjectSection, new()
    {
        var node = JsonSerializer.SerializeToNode(section, JsonFiles.Options)
                   ?? throw new InvalidOperationException($"Section '{T.SectionName}' serialised to null.");
        if (JsonNode.DeepEquals(node, JsonSerializer.SerializeToNode(new T(), JsonFiles.Options)))
        {
            _sections.Remove(T.SectionName);
        }
        else
        {
            _sections[T.SectionName] = node;
        }
    }

    /// <summary>The whole file as written to disk.</summary>
    public byte[] ToBytes() => JsonFiles.ToBytes(new JsonObject
    {
        ["format"] = FormatName,
        ["schemaVersion"] = CurrentSchemaVersion,
        ["creator"] = ProgramIdentity.Creator,
        ["sections"] = SectionsNode(),
    });

    /// <summary>The sections alone, canonically: equal bytes mean equal content (used to tell whether a project changed).</summary>
    public byte[] ContentFingerprint() => JsonFiles.ToBytes(SectionsNode());

    private JsonObject SectionsNode()
    {
        var sections = new JsonObject();
        foreach (var (name, node) in _sections)
        {
            sections[name] = node.DeepClone();
        }

        return sections;
    }

    // No list of ours holds null, and the serializer cannot refuse it there (element types carry no nullability).
    private static bool HasNullInList(JsonNode node) => node switch
    {
        JsonArray list => list.Any(element => element is null || HasNullInList(element)),
        JsonObject members => members.Any(member => member.Value is not null && HasNullInList(member.Value)),
        _ => false,
    };

    public static DomainException Corrupt(string path, string reason) =>
        new($"The project file '{path}' is not a valid Job Manager project: {reason}.", "CORRUPT", path);
}
