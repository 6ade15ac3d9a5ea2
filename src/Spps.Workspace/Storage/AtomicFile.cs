using Spps.Formats.Files;

namespace Spps.Workspace.Storage;

/// <summary>
/// Replaces a file so that a reader, or a crash at any moment, sees either the old content or the new, never a
/// mix: write a staged file beside it (<see cref="StagedFile"/>), flush it to disk, then rename it over the target,
/// and flush the folder, so that a file reported written is still there after a crash (<see cref="FolderFlush"/>).
/// A path that is a symbolic link is written through: its target gets the new content and the link stays, as a plain
/// write would do. Every I/O failure is reported naming the path and the reason (<see cref="Writable"/>).
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> writeContent, FileVisibility visibility = FileVisibility.Default,
        CancellationToken cancellation = default) =>
        WriteAll([(path, writeContent)], visibility, cancellation);

    /// <summary>
    /// Replaces several files together: every content is written and flushed beside its target first, and only when
    /// all of them are written are they renamed into place, so a failure while writing any of them changes none.
    /// A cancelled <paramref name="cancellation"/> stops the writing at its next chunk, with the same outcome as a failure;
    /// once the renames begin they all complete.
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> WriteContent)> files, FileVisibility visibility = FileVisibility.Default,
        CancellationToken cancellation = default)
    {
        var targets = files.Select(file => (Path: Destination(file.Path), file.WriteContent)).ToList();
        var created = CreatedFolders.Create(targets.Select(file => Path.GetDirectoryName(file.Path)!));
        var staged = new List<(StagedFile File, string Target)>();
        var current = string.Empty;
        var written = false;
        try
        {
            foreach (var (path, writeContent) in targets)
            {
                cancellation.ThrowIfCancellationRequested();
                current = path;
                var file = StagedFile.Create(path, visibility);
                staged.Add((file, path));
                writeContent(new CancellableStream(file.Content, cancellation));
                file.Close();
            }

            cancellation.ThrowIfCancellationRequested();

            // All renames happen with no interruption in between, so an export is never left half in place.
            StagedFiles.Settle(() => staged.ForEach(file =>
            {
                current = file.Target;
                file.File.MoveTo(file.Target, overwrite: true);
            }));
            written = true;
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            throw Writable.Failure(current, OutputKind.File, error);
        }
        finally
        {
            // Only a failed write gets here unwritten: the targets are untouched, and what was staged or made for them goes.
            staged.ForEach(file => file.File.Dispose());
            if (!written)
            {
                created.RemoveEmpty();
            }
        }

        // The renames last too; the files are in place by now, so a failure here is not a failed write.
        FolderFlush.Flush(targets.Select(file => Path.GetDirectoryName(file.Path)!).Concat(created.Parents));
    }

    public static void WriteAllBytes(string path, byte[] content, FileVisibility visibility = FileVisibility.Default) =>
        Write(path, stream => stream.Write(content), visibility);

    /// <summary>
    /// Creates <paramref name="path"/> with the whole content, or returns false if it already exists; never replaces
    /// a file, and never leaves a partial one (the content is written beside it first, then linked into place).
    /// </summary>
    public static bool TryWriteNew(string path, byte[] content)
    {
        var target = Path.GetFullPath(path);
        Writable.Check(target);
        try
        {
            using var staged = StagedFile.Create(target, FileVisibility.Default);
            staged.Content.Write(content);
            staged.Close();
            try
            {
                staged.MoveTo(target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                return false;
            }
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            throw Writable.Failure(target, OutputKind.File, error);
        }

        FolderFlush.Flush([Path.GetDirectoryName(target)!]); // the new name lasts too; the file is in place by now
        return true;
    }

    // The file a write to `path` replaces: the path itself, or the final target of a symbolic link.
    private static string Destination(string path)
    {
        var full = Path.GetFullPath(path);
        Writable.Check(full);
        try
        {
            return new FileInfo(full).LinkTarget is null ? full : File.ResolveLinkTarget(full, returnFinalTarget: true)!.FullName;
        }
        catch (IOException error)
        {
            throw Writable.Failure(full, OutputKind.File, error); // a loop of links, say
        }
    }
}
