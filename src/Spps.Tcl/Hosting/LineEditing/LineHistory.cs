namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>The commands the up arrow and Ctrl-R recall, oldest first: earlier sessions' (from the history file) and this one's.</summary>
internal sealed class LineHistory(IEnumerable<string> earlier)
{
    private readonly List<string> _entries = [.. earlier];

    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Adds a command run at the prompt; a blank one or a repeat of the last is not kept twice, as in bash.</summary>
    public void Add(string entry)
    {
        if (!string.IsNullOrWhiteSpace(entry) && (_entries.Count == 0 || _entries[^1] != entry))
        {
            _entries.Add(entry);
        }
    }

    /// <summary>The newest entry before <paramref name="before"/> that holds <paramref name="text"/>, or -1 (Ctrl-R).</summary>
    public int FindBack(string text, int before)
    {
        for (var i = Math.Min(before, _entries.Count) - 1; i >= 0; i--)
        {
            if (_entries[i].Contains(text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
