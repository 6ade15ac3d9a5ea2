using System.Text;
using Spps.Workspace.Storage;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// The history kept across sessions in the program's home folder (<c>~/.config/jobmanager/history</c>): one command a line,
/// a command of several lines with its line breaks written as <c>\n</c> (and a backslash as <c>\\</c>), the newest
/// <see cref="Limit"/> kept. Each addition replaces the file atomically (<see cref="AtomicFile"/>), readable by its
/// owner only, so a crash leaves the old or the new history, never a torn one. Callers give only redacted text.
/// </summary>
internal sealed class HistoryFile(string path)
{
    public const string FileName = "history";

    /// <summary>The most commands kept.</summary>
    public const int Limit = 1000;

    public string Path { get; } = path;

    public IReadOnlyList<string> Load() =>
        File.Exists(Path) ? [.. File.ReadAllLines(Path, Encoding.UTF8).Where(line => line.Length > 0).Select(Decode).TakeLast(Limit)] : [];

    /// <summary>
    /// Adds a command to what the file holds now (another session may have added to it since this one started), unless
    /// it repeats the newest one.
    /// </summary>
    public void Append(string entry)
    {
        var entries = Load();
        if (entries.Count > 0 && entries[^1] == entry)
        {
            return;
        }

        var lines = entries.Append(entry).TakeLast(Limit).Select(line => Encode(line) + "\n");
        AtomicFile.WriteAllBytes(Path, new UTF8Encoding(false).GetBytes(string.Concat(lines)), FileVisibility.OwnerOnly);
    }

    private static string Encode(string entry) => entry.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Decode(string line)
    {
        var entry = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                entry.Append(line[++i] == 'n' ? '\n' : line[i]);
            }
            else
            {
                entry.Append(line[i]);
            }
        }

        return entry.ToString();
    }
}
