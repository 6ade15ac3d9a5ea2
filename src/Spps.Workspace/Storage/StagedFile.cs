namespace Spps.Workspace.Storage;

/// <summary>
/// A file written beside its target and moved over it only when complete, so that a reader, or a crash at any moment,
/// sees the old file or the new one, never a mix. Its name tells which process writes it (<see cref="StagedFileName"/>);
/// while it exists it is listed in <see cref="StagedFiles"/>, so an interruption removes it; disposed before it was
/// moved into place, it is removed.
/// </summary>
internal sealed class StagedFile : IDisposable
{
    private FileStream? _stream;
    private WriteBackStream? _content;
    private bool _settled;

    private StagedFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
        _content = new WriteBackStream(stream);
    }

    public string Path { get; }

    /// <summary>Where the content is written, until <see cref="Close"/>; its write-back to disk starts as it is written.</summary>
    public Stream Content => _content ?? throw new InvalidOperationException($"The staged file '{Path}' is already closed.");

    /// <summary>
    /// Starts a new staged file beside <paramref name="target"/>, whose folder must exist, after removing the staged
    /// files that killed processes left in that folder (<see cref="LeftoverStagedFiles"/>).
    /// </summary>
    public static StagedFile Create(string target, FileVisibility visibility)
    {
        LeftoverStagedFiles.RemoveFrom(System.IO.Path.GetDirectoryName(target)!);
        var path = StagedFileName.For(target);
        return new StagedFile(path, StagedFiles.Create(path, staged => new FileStream(staged, Options(visibility))));
    }

    /// <summary>Flushes the content to disk and closes it; the file waits for <see cref="MoveTo"/>.</summary>
    public void Close()
    {
        var stream = _stream ?? throw new InvalidOperationException($"The staged file '{Path}' is already closed.");
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        _stream = null;
        _content = null;
    }

    /// <summary>Moves the closed file to <paramref name="target"/>, replacing a file there only when <paramref name="overwrite"/>.</summary>
    public void MoveTo(string target, bool overwrite) => StagedFiles.Settle(() =>
    {
        File.Move(Path, target, overwrite);
        Settled();
    });

    /// <summary>Removes the file unless it was moved into place.</summary>
    public void Dispose()
    {
        if (_settled)
        {
            return;
        }

        try
        {
            _stream?.Dispose();
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            // Only a failed write leaves the stream open (say, the disk is full): flushing the rest of a file that is
            // being removed fails the same way and no longer matters.
        }

        _stream = null;
        _content = null;
        StagedFiles.Settle(() =>
        {
            File.Delete(Path);
            Settled();
        });
    }

    private static FileStreamOptions Options(FileVisibility visibility)
    {
        // Others may delete it while it is open (Windows asks for that), so an interruption can remove it at once.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Delete };
        if (visibility == FileVisibility.OwnerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private void Settled()
    {
        _settled = true;
        StagedFiles.Forget(Path);
    }
}
