namespace Spps.JobManager.Storage;

/// <summary>
/// Folders a command creates for its output, remembered so that a command that then fails can remove them again and
/// leave the disk as it found it.
/// </summary>
internal sealed class CreatedFolders
{
    private readonly List<string> _created = [];

    private CreatedFolders()
    {
    }

    /// <summary>Creates every missing folder of <paramref name="folders"/> (and their missing parents).</summary>
    public static CreatedFolders Create(IEnumerable<string> folders)
    {
        var result = new CreatedFolders();
        foreach (var folder in folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            var missing = new List<string>();
            for (var current = folder; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
            {
                missing.Add(current);
            }

            Directory.CreateDirectory(folder);
            result._created.InsertRange(0, missing); // deepest first, so each is empty when its turn comes
        }

        return result;
    }

    /// <summary>Removes the folders created that are still empty.</summary>
    public void RemoveEmpty()
    {
        foreach (var folder in _created.Where(folder => Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            Directory.Delete(folder);
        }
    }
}
