namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>What a key does at the prompt.</summary>
internal enum EditKey
{
    /// <summary>A character to insert (or a key the editor ignores, when it is not printable).</summary>
    Character,
    Enter,
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    KillToStart,
    KillToEnd,
    KillWordBack,
    HistoryBack,
    HistoryForward,
    ReverseSearch,
    Complete,
    Interrupt,
    EndOfInput,
    Cancel,
}
