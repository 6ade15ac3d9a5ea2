namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// The key bindings of the prompt: the cursor keys and the Emacs-style control keys that bash, tclsh's readline
/// builds and Vivado's console share (docs/shell.md lists them).
/// </summary>
internal static class EditKeys
{
    public static EditKey Of(ConsoleKeyInfo key)
    {
        // A control letter arrives as its control character; the console may report it as the letter with Control too.
        var control = (key.Modifiers & ConsoleModifiers.Control) != 0 && key.Key is >= ConsoleKey.A and <= ConsoleKey.Z
            ? (char)(key.Key - ConsoleKey.A + 1)
            : key.KeyChar;
        return control switch
        {
            '\u0001' => EditKey.Home,
            '\u0002' => EditKey.Left,
            '\u0003' => EditKey.Interrupt,
            '\u0004' => EditKey.EndOfInput,
            '\u0005' => EditKey.End,
            '\u0006' => EditKey.Right,
            '\u0007' => EditKey.Cancel,
            '\u0008' or '\u007f' => EditKey.Backspace,
            '\t' => EditKey.Complete,
            '\n' or '\r' => EditKey.Enter,
            '\u000b' => EditKey.KillToEnd,
            '\u000e' => EditKey.HistoryForward,
            '\u0010' => EditKey.HistoryBack,
            '\u0012' => EditKey.ReverseSearch,
            '\u0015' => EditKey.KillToStart,
            '\u0017' => EditKey.KillWordBack,
            _ => key.Key switch
            {
                ConsoleKey.Enter => EditKey.Enter,
                ConsoleKey.Tab => EditKey.Complete,
                ConsoleKey.Backspace => EditKey.Backspace,
                ConsoleKey.Delete => EditKey.Delete,
                ConsoleKey.LeftArrow => EditKey.Left,
                ConsoleKey.RightArrow => EditKey.Right,
                ConsoleKey.Home => EditKey.Home,
                ConsoleKey.End => EditKey.End,
                ConsoleKey.UpArrow => EditKey.HistoryBack,
                ConsoleKey.DownArrow => EditKey.HistoryForward,
                ConsoleKey.Escape => EditKey.Cancel,
                _ => EditKey.Character,
            },
        };
    }
}
