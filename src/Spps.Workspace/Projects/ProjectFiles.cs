using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Spps.Devices;
using Spps.Formats.Files;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Projects;

/// <summary>
/// Copies input files into the project folder under names that include their content's hash, so a copy never
/// replaces a file the saved project still refers to (a change discarded with <c>close_project -save FALSE</c> leaves
/// the saved state intact), and the same content is stored once. The hash in the name is also what a copy is checked
/// against whenever it is used, so a file replaced behind the project's back is refused rather than used.
/// </summary>
public static partial class ProjectFiles
{
    /// <summary>How many hex digits of the SHA-256 a copy's name carries (64 bits: enough to tell any two files apart).</summary>
    public const int HashDigits = 16;

    /// <summary>Copies <paramref name="source"/> into <paramref name="folder"/> (relative to the project) and returns the relative path.</summary>
    public static string Import(ProjectSession project, string source, string folder, string stem) =>
        Import(project, () => File.OpenRead(source), Path.GetExtension(source), folder, stem);

    /// <summary>
    /// Copies what <paramref name="open"/> gives (a file's content already read, say) into <paramref name="folder"/> as a
    /// file with <paramref name="extension"/>, and returns the relative path.
    /// </summary>
    public static string Import(ProjectSession project, Func<Stream> open, string extension, string folder, string stem)
    {
        var directory = Path.Combine(project.Folder, folder);
        extension = extension.ToLowerInvariant();
        CreatedFolders.Create([directory]);
        var target = Path.Combine(directory, stem + extension);
        try
        {
            using var staged = StagedFile.Create(target, FileVisibility.Default);
            var hash = CopyAndHash(open, staged.Content);
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

    /// <summary>
    /// Why <paramref name="relative"/> cannot be a path the project refers to, or null: it must be written as
    /// <see cref="Import"/> writes it, folders and a file name joined by '/', inside the project folder (not absolute, no
    /// '.' or '..' step), the file's name carrying the hash of its content.
    /// </summary>
    public static string? Problem(string relative)
    {
        var steps = relative.Split('/');
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Contains('\\', StringComparison.Ordinal) || relative.Contains(':', StringComparison.Ordinal))
        {
            return "is not a path relative to the project folder";
        }

        if (steps.Any(step => step is "" or "." or ".."))
        {
            return "is not a plain path inside the project folder (it has an empty, '.' or '..' step)";
        }

        return CopyName().IsMatch(steps[^1]) ? null : $"does not name a copy made by the Job Manager (<name>-<{HashDigits} hex digits of its SHA-256>.<extension>)";
    }

    /// <summary>
    /// The absolute path of a copy the project refers to, after checking that it is inside the project folder (also
    /// through symbolic links), present, and unchanged since it was imported (its content still has the hash its name
    /// gives). <paramref name="what"/> says what the file is ("the design file of Programming Data 'PD'") and
    /// <paramref name="remedy"/> what the user can do about a missing or changed copy.
    /// </summary>
    public static string Resolve(ProjectSession project, string relative, string what, string remedy)
    {
        var path = Locate(project, relative, what, remedy);
        var recorded = CopyName().Match(Path.GetFileName(path)).Groups["hash"].Value;
        var actual = Sha256Prefix(path);
        return actual == recorded
            ? path
            : throw new DomainException(
                $"The project's copy '{relative}' of {what} has changed since it was imported: the SHA-256 of its content begins {actual}, not {recorded} as its name records; {remedy}.",
                "CHANGED", path);
    }

    /// <summary>
    /// The absolute path of a copy, checked as <see cref="Resolve"/> checks it but for its content: for a reader that
    /// checks what it reads against a stronger record of its own (a JDC's fabric against the SHA-256 its design
    /// recorded), so that a large copy is read once, not hashed whole first.
    /// </summary>
    public static string Locate(ProjectSession project, string relative, string what, string remedy)
    {
        if (Problem(relative) is { } problem)
        {
            throw ProjectDocument.Corrupt(project.FilePath, $"the path '{relative}' of {what} {problem}");
        }

        var path = Path.Combine(project.Folder, relative.Replace('/', Path.DirectorySeparatorChar));
        if (LinkLeavingFolder(project.Folder, relative) is { } link)
        {
            throw ProjectDocument.Corrupt(project.FilePath, $"the path '{relative}' of {what} leads outside the project folder through the link '{link}'");
        }

        return File.Exists(path)
            ? path
            : throw new DomainException($"The project's copy '{relative}' of {what} is missing; {remedy}.", "MISSINGFILE", path);
    }

    // The first link on the way from the project folder to the file whose target is not inside the folder, or null.
    private static string? LinkLeavingFolder(string folder, string relative)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var current = folder;
        foreach (var step in relative.Split('/'))
        {
            current = Path.Combine(current, step);
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (entry.LinkTarget is not null)
            {
                var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !Path.GetFullPath(target.FullName).StartsWith(root, StringComparison.Ordinal))
                {
                    return current;
                }
            }
        }

        return null;
    }

    private static string Sha256Prefix(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..HashDigits];
    }

    // A copy's name: the stem, '-', the HashDigits hash digits, and the source's extension if it had one.
    [GeneratedRegex("^[^/]+-(?<hash>[0-9a-f]{16})(\\.[^/.]*)?$")]
    private static partial Regex CopyName();

    // Copies the source and returns the first HashDigits hex digits of its SHA-256.
    private static string CopyAndHash(Func<Stream> open, Stream output)
    {
        using var input = open();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..HashDigits];
    }
}
