using System.Security.Cryptography;

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
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".import-{Guid.NewGuid():N}.tmp");
        try
        {
            string hash;
            using (var input = File.OpenRead(source))
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    output.Write(buffer, 0, read);
                }

                output.Flush(flushToDisk: true);
                hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
            }

            var name = $"{stem}-{hash}{Path.GetExtension(source).ToLowerInvariant()}";
            var target = Path.Combine(directory, name);
            if (!File.Exists(target))
            {
                File.Move(temporary, target);
            }

            return $"{folder.Replace('\\', '/')}/{name}";
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The absolute path of a file the project refers to.</summary>
    public static string Resolve(ProjectSession project, string relative) =>
        Path.Combine(project.Folder, relative.Replace('/', Path.DirectorySeparatorChar));
}
