using Spps.Workspace.Storage;

namespace Spps.Workspace.Projects;

/// <summary>
/// An open project: its document in memory, the lock that keeps other processes out, and what was last saved, so
/// that <see cref="IsModified"/> is exact (a change undone again is no change).
/// </summary>
public sealed class ProjectSession : IOpenProject
{
    private readonly ProjectDocument _document;
    private readonly ProjectLock _lock;
    private byte[] _savedFingerprint;

    internal ProjectSession(string filePath, ProjectDocument document, ProjectLock projectLock)
    {
        FilePath = filePath;
        _document = document;
        _lock = projectLock;
        _savedFingerprint = document.ContentFingerprint();
    }

    public string Name => Path.GetFileNameWithoutExtension(FilePath);

    public string Label => $"Project '{Name}'";

    public string FilePath { get; }

    /// <summary>The project folder; everything the project refers to lives below it, by relative path.</summary>
    public string Folder => Path.GetDirectoryName(FilePath)!;

    public bool IsModified => !_document.ContentFingerprint().AsSpan().SequenceEqual(_savedFingerprint);

    public T Read<T>() where T : class, IProjectSection, new() => _document.Read<T>();

    /// <summary>Changes a fresh copy of a section and stores it only if <paramref name="change"/> returns normally.</summary>
    public void Update<T>(Action<T> change) where T : class, IProjectSection, new()
    {
        var section = _document.Read<T>();
        change(section);
        _document.Write(section);
    }

    /// <summary>
    /// Writes the project file atomically, readable by its owner only (it may hold non-HSM keys in clear); on failure
    /// the previous file is intact and the project stays modified.
    /// </summary>
    public void Save()
    {
        AtomicFile.WriteAllBytes(FilePath, _document.ToBytes(), FileVisibility.OwnerOnly);
        _savedFingerprint = _document.ContentFingerprint();
    }

    /// <summary>Releases the lock. Unsaved changes are dropped; callers decide beforehand whether to save.</summary>
    public void Dispose() => _lock.Dispose();
}
