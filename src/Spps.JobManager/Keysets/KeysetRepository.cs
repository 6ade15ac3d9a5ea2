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
    // The last keyset file read, with the exact bytes it was read from. A loop of per-device exports reads the same
    // keyset for every file; the file is still read each time, and only when its bytes are the same as last time is
    // the container not unpacked and checked again (the result depends on nothing else), so a changed, replaced or
    // removed file is seen at once. Replaced whole, never changed, so exports running at once share it safely.
    private ReadKeyset? _last;

    // A keyset file is a few kilobytes; anything far larger is read as a stream, as any container is.
    private const int RememberedBytes = 1 << 16;

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
            if (!stream.CanSeek || stream.Length > RememberedBytes)
            {
                return KeysetContainer.Read(stream, path); // not a keyset's size (or no size: a pipe): checked as it is read, never held whole
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var last = _last;
            if (last is not null && last.Path == path && last.Bytes.AsSpan().SequenceEqual(bytes))
            {
                return last.File;
            }

            var file = KeysetContainer.Read(new MemoryStream(bytes, writable: false), path);
            _last = new ReadKeyset(path, bytes, file);
            return file;
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

    private sealed record ReadKeyset(string Path, byte[] Bytes, KeysetFile File);
}
