using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.Formats;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Settings;

/// <summary>
/// Reads and writes <c>settings.json</c> in a program's home folder (<c>$JOBMANAGER_HOME</c>, <c>$FPEXPRESS_HOME</c>).
/// Writes are atomic, so a crash never leaves half a settings file; a file this version cannot read is refused, never
/// overwritten silently. Each program's file names the program in its format (<c>spps-&lt;program&gt;-settings</c>),
/// so one program never takes another's settings for its own.
/// </summary>
public sealed class SettingsStore(string homeFolder, string program = SettingsStore.JobManager)
{
    public const int SchemaVersion = 1;

    /// <summary>The Job Manager's program name, whose settings format was the first.</summary>
    public const string JobManager = "jobmanager";

    private readonly string _formatName = $"spps-{program}-settings";

    public string FilePath { get; } = Path.Combine(homeFolder, "settings.json");

    public HsmParameters Load()
    {
        if (!File.Exists(FilePath))
        {
            return new HsmParameters();
        }

        try
        {
            var root = StrictJson.Parse(File.ReadAllBytes(FilePath)) as JsonObject
                       ?? throw new JsonException("the top level is not an object");
            if ((string?)root["format"] != _formatName)
            {
                throw new JsonException($"'format' is not '{_formatName}'");
            }

            var version = (int?)root["schemaVersion"] ?? throw new JsonException("'schemaVersion' is missing");
            if (version > SchemaVersion)
            {
                throw new DomainException(
                    $"The settings file '{FilePath}' has schema version {version}, newer than this {program} reads ({SchemaVersion}).",
                    "SETTINGS", "SCHEMA", FilePath);
            }

            return root["hsm"].Deserialize<HsmParameters>(JsonFiles.Options) ?? new HsmParameters();
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new DomainException(
                $"The settings file '{FilePath}' cannot be read: {error.Message}. Fix or delete it, then run set_hsm_params again.",
                "SETTINGS", "CORRUPT", FilePath);
        }
    }

    public void Save(HsmParameters parameters)
    {
        var root = new JsonObject
        {
            ["format"] = _formatName,
            ["schemaVersion"] = SchemaVersion,
            ["hsm"] = JsonSerializer.SerializeToNode(parameters, JsonFiles.Options),
        };
        AtomicFile.WriteAllBytes(FilePath, JsonFiles.ToBytes(root));
    }
}
