using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.JobManager.Application;
using Spps.JobManager.Storage;

namespace Spps.JobManager.Projects;

/// <summary>
/// The content of a <c>.jprj</c>: a format name, a schema version, the program that wrote it, and one JSON section
/// per area. Sections this version does not know are kept as they are, so nothing written by a newer minor
/// revision is lost on save. See docs/formats/jprj.md.
/// </summary>
public sealed class ProjectDocument
{
    public const string FormatName = "spps-jobmanager-project";
    public const int CurrentSchemaVersion = 1;

    private readonly SortedDictionary<string, JsonNode> _sections;

    private ProjectDocument(SortedDictionary<string, JsonNode> sections) => _sections = sections;

    public static ProjectDocument Empty() => new(new SortedDictionary<string, JsonNode>(StringComparer.Ordinal));

    /// <summary>Reads and validates a project file's bytes; <paramref name="path"/> is only named in errors.</summary>
    public static ProjectDocument Parse(byte[] content, string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(content) as JsonObject ?? throw Corrupt(path, "the top level is not a JSON object");
        }
        catch (JsonException error)
        {
            throw Corrupt(path, error.Message);
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
            throw new JobManagerException(
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

        return new ProjectDocument(copy);
    }

    /// <summary>A fresh copy of a section, or a new empty one when the project has none yet.</summary>
    public T Read<T>() where T : class, IProjectSection, new()
    {
        if (!_sections.TryGetValue(T.SectionName, out var node))
        {
            return new T();
        }

        return node.Deserialize<T>(JsonFiles.Options)
               ?? throw new InvalidOperationException($"Section '{T.SectionName}' deserialised to null.");
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
        ["creator"] = $"jobmanager {SoftwareInfo.CurrentVersion}",
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

    private static JobManagerException Corrupt(string path, string reason) =>
        new($"The project file '{path}' is not a valid Job Manager project: {reason}.", "CORRUPT", path);
}
