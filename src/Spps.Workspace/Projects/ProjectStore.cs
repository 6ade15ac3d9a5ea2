using Spps.Devices;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Projects;

/// <summary>Creates project folders and opens project files; either succeeds whole or leaves the disk as it was.</summary>
public static class ProjectStore
{
    public const string Extension = ".jprj";

    /// <summary><c>new_project</c>: makes <c>location/name/name.jprj</c>, locked, written at once.</summary>
    public static ProjectSession Create(string location, string name, string currentFolder, Action<string> warn)
    {
        ProjectName.Validate(name);
        var root = Path.GetFullPath(location, currentFolder);
        if (File.Exists(root))
        {
            throw new DomainException(
                $"location: Invalid argument value: '{location}' (expecting a folder; '{root}' is a file).", "BADVALUE", "-location", location);
        }

        var folder = Path.Combine(root, name);
        var file = Path.Combine(folder, name + Extension);
        Writable.Check(file);
        if (File.Exists(file))
        {
            throw new DomainException(
                $"Project '{name}' already exists at '{file}'. Open it with open_project, or choose another name or location.", "EXISTS", file);
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new DomainException(
                $"The folder '{folder}' already exists and is not empty; choose another name or location for the project.", "EXISTS", folder);
        }

        var created = CreatedFolders.Create([folder]);
        try
        {
            var projectLock = ProjectLock.Acquire(file, warn);
            try
            {
                var session = new ProjectSession(file, ProjectDocument.Empty(file), projectLock);
                session.Save();
                return session;
            }
            catch
            {
                projectLock.Dispose();
                throw;
            }
        }
        catch
        {
            created.RemoveEmpty(); // only folders this call created, and only once nothing is left in them
            throw;
        }
    }

    /// <summary><c>open_project</c>: locks, then reads and validates; a refused file is left untouched and unlocked.</summary>
    public static ProjectSession Open(string path, string currentFolder, Action<string> warn)
    {
        var file = Path.GetFullPath(path, currentFolder);
        if (!file.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(
                $"project: Invalid argument value: '{path}' (expecting a Job Manager project file, *{Extension}).", "BADVALUE", "-project", path);
        }

        var projectLock = ProjectLock.Acquire(file, warn);
        try
        {
            return new ProjectSession(file, ProjectDocument.Parse(ReadFile(file), file), projectLock);
        }
        catch
        {
            projectLock.Dispose();
            throw;
        }
    }

    private static byte[] ReadFile(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DomainException($"The project file '{file}' cannot be read: {error.Message}", "UNREADABLE", file);
        }
    }
}
