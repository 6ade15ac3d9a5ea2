namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// Reads one line at the prompt with editing, history and Tab completion (the keys are in <see cref="EditKeys"/> and
/// docs/shell.md). The line is drawn on one row: when it is wider than the terminal the row scrolls sideways to keep
/// the cursor in view, so a long line is never drawn over itself. A line break of a recalled multi-line command shows
/// as <c>↵</c>.
/// </summary>
internal sealed class LineEditor(ITerminal terminal, LineHistory history, Completer completer, TimeProvider clock)
{
    /// <summary>A second Ctrl-C on an empty line within this time leaves the shell.</summary>
    public static readonly TimeSpan SecondInterrupt = TimeSpan.FromSeconds(1);

    private const string ClearToEnd = "\u001b[K";
    private const string NewLine = "\r\n";

    private DateTimeOffset? _lastInterrupt;
    private int _scroll;

    public ShellLine ReadLine(string prompt)
    {
        var line = new LineBuffer();
        var recall = new HistoryRecall(history);
        ReverseSearch? search = null;
        var previous = EditKey.Character;
        _scroll = 0;
        Draw(prompt, line.Text, line.Cursor);
        while (true)
        {
            var key = terminal.ReadKey();
            var edit = EditKeys.Of(key);
            if (search is not null)
            {
                if (search.Handle(edit, key.KeyChar))
                {
                    Draw(search.Prompt, search.Match, search.MatchCursor);
                    continue;
                }

                // Any other key ends the search on its match (Ctrl-G or Escape on the line as it was), and then does what it does.
                line.Set(search.Match);
                search = null;
                if (edit == EditKey.Cancel)
                {
                    Draw(prompt, line.Text, line.Cursor);
                    continue;
                }
            }

            switch (edit)
            {
                case EditKey.Enter:
                    Draw(prompt, line.Text, line.Length);
                    terminal.Write(NewLine);
                    return ShellLine.Of(line.Text);
                case EditKey.Interrupt:
                    terminal.Write("^C" + NewLine);
                    return Interrupt(line.IsEmpty);
                case EditKey.EndOfInput when line.IsEmpty:
                    terminal.Write(NewLine);
                    return ShellLine.EndOfInput;
                case EditKey.ReverseSearch:
                    search = new ReverseSearch(history, line.Text);
                    Draw(search.Prompt, search.Match, search.MatchCursor);
                    continue;
                case EditKey.Complete:
                    Complete(prompt, line, listIfStuck: previous == EditKey.Complete);
                    break;
                default:
                    Edit(line, recall, edit, key.KeyChar);
                    break;
            }

            previous = edit;
            Draw(prompt, line.Text, line.Cursor);
        }
    }

    private static void Edit(LineBuffer line, HistoryRecall recall, EditKey edit, char character)
    {
        switch (edit)
        {
            case EditKey.Left: line.MoveLeft(); break;
            case EditKey.Right: line.MoveRight(); break;
            case EditKey.Home: line.MoveHome(); break;
            case EditKey.End: line.MoveEnd(); break;
            case EditKey.Backspace: line.DeleteBack(); break;
            case EditKey.Delete or EditKey.EndOfInput: line.DeleteUnderCursor(); break;
            case EditKey.KillToStart: line.KillToStart(); break;
            case EditKey.KillToEnd: line.KillToEnd(); break;
            case EditKey.KillWordBack: line.KillWordBack(); break;
            case EditKey.HistoryBack: recall.Back(line); break;
            case EditKey.HistoryForward: recall.Forward(line); break;
            case EditKey.Character when !char.IsControl(character): line.Insert(character.ToString()); break;
        }
    }

    private ShellLine Interrupt(bool emptyLine)
    {
        var now = clock.GetUtcNow();
        var leave = emptyLine && _lastInterrupt is { } last && now - last < SecondInterrupt;
        _lastInterrupt = now;
        return leave ? ShellLine.EndOfInput : ShellLine.Interrupted;
    }

    /// <summary>
    /// One candidate replaces the word (with a space after it, unless it is a folder); several complete their common
    /// start, and when that adds nothing a second Tab lists them, as bash does.
    /// </summary>
    private void Complete(string prompt, LineBuffer line, bool listIfStuck)
    {
        var completion = completer.Complete(line.Text, line.Cursor);
        var candidates = completion.Candidates;
        var common = completion.CommonPrefix();
        if (candidates.Count == 1)
        {
            line.ReplaceBeforeCursor(completion.WordStart, completion.Written(candidates[0]) + (candidates[0].EndsWith('/') ? string.Empty : " "));
        }
        else if (candidates.Count > 1 && common.Length > completion.Word.Length)
        {
            line.ReplaceBeforeCursor(completion.WordStart, completion.Written(common));
        }
        else if (candidates.Count > 1 && listIfStuck)
        {
            Draw(prompt, line.Text, line.Length);
            terminal.Write(NewLine + CandidateColumns.Format(candidates, terminal.Width).Replace("\n", NewLine, StringComparison.Ordinal));
            _scroll = 0;
        }
        else
        {
            terminal.Write("\a");
        }
    }

    private void Draw(string prompt, string text, int cursor)
    {
        var shown = text.Replace('\n', '↵');
        var room = Math.Max(1, terminal.Width - prompt.Length - 1);
        _scroll = Math.Clamp(_scroll, Math.Max(0, cursor - room), cursor);
        _scroll = Math.Min(_scroll, Math.Max(0, shown.Length - room)); // a line that got shorter shows as much of it as fits
        var visible = shown.Substring(_scroll, Math.Min(room, shown.Length - _scroll));
        var back = _scroll + visible.Length - cursor;
        terminal.Write("\r" + prompt + visible + ClearToEnd + (back > 0 ? $"\u001b[{back}D" : string.Empty));
    }
}
