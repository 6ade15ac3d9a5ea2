namespace Spps.JobManager.Storage;

/// <summary>
/// Replaces a file so that a reader, or a crash at any moment, sees either the old content or the new, never a
/// mix: write a temporary file beside it, flush it to disk, then rename it over the target.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> writeContent) => WriteAll([(path, writeContent)]);

    /// <summary>
    /// Replaces several files together: every content is written and flushed beside its target first, and only when
    /// all of them are written are they renamed into place, so a failure while writing any of them changes none.
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> WriteContent)> files)
    {
        var staged = new List<(string Temporary, string Path)>();
        var created = CreatedFolders.Create(files.Select(file => Path.GetDirectoryName(Path.GetFullPath(file.Path))!));
        try
        {
            foreach (var (path, writeContent) in files)
            {
                staged.Add((Stage(path, writeContent), path));
            }

            foreach (var (temporary, path) in staged)
            {
                File.Move(temporary, path, overwrite: true);
            }
        }
        catch
        {
            // Only a failed write leaves temporary files behind; the targets are untouched then, and folders made for them go.
            staged.ForEach(file => File.Delete(file.Temporary));
            created.RemoveEmpty();
            throw;
        }
    }

    public static void WriteAllBytes(string path, byte[] content) => Write(path, stream => stream.Write(content));

    /// <summary>
    /// Creates <paramref name="path"/> with the whole content, or returns false if it already exists; never replaces
    /// a file, and never leaves a partial one (the content is written beside it first, then linked into place).
    /// </summary>
    public static bool TryWriteNew(string path, byte[] content)
    {
        var temporary = Stage(path, stream => stream.Write(content));
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // Writes the content to a new temporary file beside the target and flushes it to disk; a failed write removes it.
    private static string Stage(string path, Action<Stream> writeContent)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            writeContent(stream);
            stream.Flush(flushToDisk: true);
            return temporary;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
