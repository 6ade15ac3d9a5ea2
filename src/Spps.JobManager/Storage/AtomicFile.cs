namespace Spps.JobManager.Storage;

/// <summary>
/// Replaces a file so that a reader, or a crash at any moment, sees either the old content or the new, never a
/// mix: write a temporary file beside it, flush it to disk, then rename it over the target.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> writeContent)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            // Only a failed write leaves the temporary file behind; the target is untouched then.
            File.Delete(temporary);
        }
    }

    public static void WriteAllBytes(string path, byte[] content) => Write(path, stream => stream.Write(content));

    /// <summary>
    /// Creates <paramref name="path"/> with the whole content, or returns false if it already exists; never replaces
    /// a file, and never leaves a partial one (the content is written beside it first, then linked into place).
    /// </summary>
    public static bool TryWriteNew(string path, byte[] content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

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
}
