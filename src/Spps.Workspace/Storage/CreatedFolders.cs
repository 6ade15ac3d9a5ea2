using Spps.Formats.Files;

namespace Spps.Workspace.Storage;

/// <summary>
/// Folders a command creates for its output, remembered so that a command that then fails can remove them again and
/// leave the disk as it found it.
/// </summary>
public sealed class CreatedFolders
{
    private readonly List<string> _created = [];

    private CreatedFolders()
    {
    }

    /// <summary>
    /// Creates every missing folder of <paramref name="folders"/> (and their missing parents); if one cannot be made,
    /// those made so far are removed again and the error names the folder and the reason.
    /// </summary>
    public static CreatedFolders Create(IEnumerable<string> folders)
    {
        var result = new CreatedFolders();
        var current = string.Empty;
        var done = false;
        try
        {
            foreach (var folder in folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                current = folder;
                Writable.Check(folder, OutputKind.Folder);
                var missing = new List<string>();
                for (var path = folder; path is not null && !Directory.Exists(path); path = Path.GetDirectoryName(path))
                {
                    missing.Add(path);
                }

                result._created.InsertRange(0, missing); // deepest first, so each is empty when its turn comes
                Directory.CreateDirectory(folder);
            }

            done = true;
            return result;
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            throw Writable.Failure(current, OutputKind.Folder, error);
        }
        finally
        {
            if (!done)
            {
                result.RemoveEmpty();
            }
        }
    }

    /// <summary>The folders that hold a created folder's name: flushed with the files written, so the new folders last.</summary>
    public IEnumerable<string> Parents => _created.Select(folder => Path.GetDirectoryName(folder)!);

    /// <summary>Removes the folders created that are still empty.</summary>
    public void RemoveEmpty()
    {
        foreach (var folder in _created.Where(folder => Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            Directory.Delete(folder);
        }
    }
}
