namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// Up and down through the history while one line is typed: up from the new line keeps what was typed so far, and
/// down past the newest entry brings it back.
/// </summary>
internal sealed class HistoryRecall(LineHistory history)
{
    private int _at = history.Entries.Count;
    private string _draft = string.Empty;

    public void Back(LineBuffer line)
    {
        if (_at == 0)
        {
            return;
        }

        if (_at == history.Entries.Count)
        {
            _draft = line.Text;
        }

        line.Set(history.Entries[--_at]);
    }

    public void Forward(LineBuffer line)
    {
        if (_at == history.Entries.Count)
        {
            return;
        }

        _at++;
        line.Set(_at == history.Entries.Count ? _draft : history.Entries[_at]);
    }
}
