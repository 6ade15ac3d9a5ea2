using System.Text;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// Ctrl-R, as in bash: each character typed narrows the search to the newest history entry holding the text typed so
/// far, Ctrl-R again goes on to an older one, Backspace widens it again.
/// </summary>
internal sealed class ReverseSearch(LineHistory history, string lineBefore)
{
    private readonly StringBuilder _query = new();
    private int _found = -1;
    private bool _failed;

    public string Prompt => $"({(_failed ? "failed " : string.Empty)}reverse-i-search)'{_query}': ";

    /// <summary>The entry found, or the line as it was before the search while nothing is.</summary>
    public string Match => _found >= 0 ? history.Entries[_found] : lineBefore;

    /// <summary>Where the query starts in the match.</summary>
    public int MatchCursor => _found >= 0 ? Math.Max(0, Match.IndexOf(_query.ToString(), StringComparison.Ordinal)) : lineBefore.Length;

    /// <summary>Takes a key that belongs to the search; false for a key that ends it.</summary>
    public bool Handle(EditKey edit, char character)
    {
        switch (edit)
        {
            case EditKey.ReverseSearch:
                Find(_found >= 0 ? _found : history.Entries.Count);
                return true;
            case EditKey.Backspace when _query.Length > 0:
                _query.Length--;
                Find(history.Entries.Count);
                return true;
            case EditKey.Character when !char.IsControl(character):
                _query.Append(character);
                Find(_found >= 0 ? _found + 1 : history.Entries.Count);
                return true;
            case EditKey.Cancel:
                _found = -1; // the line as it was
                return false;
            default:
                return false;
        }
    }

    private void Find(int before)
    {
        var found = _query.Length == 0 ? -1 : history.FindBack(_query.ToString(), before);
        _failed = found < 0 && _query.Length > 0;
        _found = found >= 0 || _query.Length == 0 ? found : _found; // a failed search keeps showing the last match, as bash does
    }
}
