using System.Text;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// The command a line ends with, read as far as Tab completion needs: its words before the cursor and the word being
/// typed there. A new command starts after <c>;</c>, a line break or <c>[</c>; a backslash escapes the next character;
/// a word opened with <c>"</c> or <c>{</c> runs to its closing character.
/// </summary>
internal sealed record TypedCommand(IReadOnlyList<string> Words, string Word, int WordStart, bool WordQuoted)
{
    public static TypedCommand Parse(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var start = text.Length;
        char? closing = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                start = inWord ? start : i;
                inWord = true;
                word.Append(text[++i]);
            }
            else if (closing is not null)
            {
                if (c == closing)
                {
                    closing = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is ' ' or '\t' or ';' or '\n' or '[')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                if (c is not (' ' or '\t'))
                {
                    words.Clear();
                }
            }
            else if (!inWord)
            {
                inWord = true;
                closing = c switch { '"' => '"', '{' => '}', _ => null };
                start = closing is null ? i : i + 1;
                if (closing is null)
                {
                    word.Append(c);
                }
            }
            else
            {
                word.Append(c);
            }
        }

        return inWord ? new TypedCommand(words, word.ToString(), start, closing is not null) : new TypedCommand(words, string.Empty, text.Length, false);
    }
}
