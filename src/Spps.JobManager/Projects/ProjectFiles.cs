using System.Security.Cryptography;
using Spps.Formats.Files;
using Spps.JobManager.Storage;

namespace Spps.JobManager.Projects;

/// <summary>
/// Copies input files into the project folder under names that include their content's hash, so a copy never
/// replaces a file the saved project still refers to (a change discarded with <c>close_project -save FALSE</c> leaves
/// the saved state intact), and the same content is stored once.
/// </summary>
public static class ProjectFiles
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="folder"/> (relative to the project) and returns the relative path.</summary>
    public static string Import(ProjectSession project, string source, string folder, string stem)
    {
        var directory = Path.Combine(project.Folder, folder);
        var extension = Path.GetExtension(source).ToLowerInvariant();
        CreatedFolders.Create([directory]);
        var target = Path.Combine(directory, stem + extension);
        try
        {
            using var staged = StagedFile.Create(target, FileVisibility.Default);
            var hash = CopyAndHash(source, staged.Content);
            staged.Close();
            var name = $"{stem}-{hash}{extension}";
            target = Path.Combine(directory, name);
            if (!File.Exists(target))
            {
                staged.MoveTo(target, overwrite: false);
            }

            return $"{folder.Replace('\\', '/')}/{name}";
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            throw Writable.Failure(target, OutputKind.File, error);
        }
    }

    /// <summary>The absolute path of a file the project refers to.</summary>
    public static string Resolve(ProjectSession project, string relative) =>
        Path.Combine(project.Folder, relative.Replace('/', Path.DirectorySeparatorChar));

    // Copies the source and returns the first 16 hex digits of its SHA-256.
    private static string CopyAndHash(string source, Stream output)
    {
        using var input = File.OpenRead(source);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
