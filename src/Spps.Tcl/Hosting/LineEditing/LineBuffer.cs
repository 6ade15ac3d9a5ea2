using System.Text;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>The line being typed at the prompt and the cursor in it, with the edits the keys make.</summary>
internal sealed class LineBuffer
{
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    /// <summary>Where the next character goes: 0 before the first one, <see cref="Length"/> after the last.</summary>
    public int Cursor { get; private set; }

    public int Length => _text.Length;

    public bool IsEmpty => _text.Length == 0;

    /// <summary>Replaces the whole line (a history entry), the cursor at its end.</summary>
    public void Set(string text)
    {
        _text.Clear().Append(text);
        Cursor = text.Length;
    }

    public void Insert(string text)
    {
        _text.Insert(Cursor, text);
        Cursor += text.Length;
    }

    /// <summary>Replaces the text from <paramref name="start"/> to the cursor (the word being completed).</summary>
    public void ReplaceBeforeCursor(int start, string text)
    {
        _text.Remove(start, Cursor - start).Insert(start, text);
        Cursor = start + text.Length;
    }

    public void MoveLeft() => Cursor = Math.Max(0, Cursor - 1);

    public void MoveRight() => Cursor = Math.Min(_text.Length, Cursor + 1);

    public void MoveHome() => Cursor = 0;

    public void MoveEnd() => Cursor = _text.Length;

    public void DeleteBack()
    {
        if (Cursor > 0)
        {
            _text.Remove(--Cursor, 1);
        }
    }

    public void DeleteUnderCursor()
    {
        if (Cursor < _text.Length)
        {
            _text.Remove(Cursor, 1);
        }
    }

    public void KillToStart()
    {
        _text.Remove(0, Cursor);
        Cursor = 0;
    }

    public void KillToEnd() => _text.Remove(Cursor, _text.Length - Cursor);

    /// <summary>Deletes back to the start of the word before the cursor, as a shell's Ctrl-W does: spaces first, then the word.</summary>
    public void KillWordBack()
    {
        var start = Cursor;
        while (start > 0 && char.IsWhiteSpace(_text[start - 1]))
        {
            start--;
        }

        while (start > 0 && !char.IsWhiteSpace(_text[start - 1]))
        {
            start--;
        }

        _text.Remove(start, Cursor - start);
        Cursor = start;
    }
}
