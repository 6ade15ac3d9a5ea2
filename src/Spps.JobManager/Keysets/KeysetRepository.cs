using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Keysets;
using Spps.Workspace.Settings;

namespace Spps.JobManager.Keysets;

/// <summary>
/// The keyset repository <c>set_hsm_params -hsm_key_set_dir</c> names: keysets are made there and read from there,
/// always by file name alone. The one place keyset files are read.
/// </summary>
public sealed class KeysetRepository(SettingsStore settings)
{
    /// <summary>The repository folder, which must be set and exist.</summary>
    public string Folder()
    {
        var folder = settings.Load().KeysetDirectory ?? throw NotSet();
        return Directory.Exists(folder)
            ? folder
            : throw new DomainException(
                $"The keyset repository '{folder}' {(File.Exists(folder) ? "is a file, not a folder" : "does not exist")}. Create it, or set another with set_hsm_params -hsm_key_set_dir.",
                "NOREPOSITORY", folder);
    }

    /// <summary>The error of a command that needs the repository when none is set.</summary>
    public static DomainException NotSet() => new("No keyset repository is set. Use set_hsm_params -hsm_key_set_dir <folder> first.", "NOREPOSITORY");

    /// <summary>Where the keyset file <paramref name="name"/> (given with <paramref name="option"/>) is, after checking it is a name and not a path.</summary>
    public string PathOf(string name, string option) => Path.Combine(Folder(), KeysetFileName.Validate(option, name));

    /// <summary>Reads the keyset file <paramref name="name"/>; a missing file, a folder or a bad container is refused by name.</summary>
    public KeysetFile Read(string name, string option)
    {
        var path = PathOf(name, option);
        if (Directory.Exists(path))
        {
            throw new DomainException($"Parameter '{option}': '{path}' in the keyset repository is a folder; expecting a keyset file.", "NOTAFILE", "-" + option, path);
        }

        if (!File.Exists(path))
        {
            throw new DomainException($"Parameter '{option}': the keyset file '{path}' does not exist in the keyset repository.", "NOFILE", "-" + option, path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            return KeysetContainer.Read(stream, path);
        }
        catch (ContainerException error)
        {
            throw new DomainException(error.Message, "CORRUPT", path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DomainException($"The keyset file '{path}' cannot be read: {error.Message}", "UNREADABLE", path);
        }
    }
}
