using System.Text;

namespace Spps.Formats.Bsdl;

/// <summary>
/// Splits BSDL text into statements: <c>--</c> comments (anywhere outside strings, also between the parts of a
/// concatenation) are dropped, statements end with <c>;</c> outside strings, and whitespace (tabs, CR, LF) becomes
/// single spaces. Each statement keeps the line it starts on.
/// </summary>
internal static class BsdlStatements
{
    public static List<(string Text, int Line)> Split(string text, string source)
    {
        var statements = new List<(string, int)>();
        var current = new StringBuilder();
        var line = 1;
        var start = 0;
        var inString = false;
        var stringLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (inString)
                {
                    throw new BsdlFormatException(source, stringLine, "a string is not closed on its line");
                }

                line++;
            }

            if (inString)
            {
                current.Append(c);
                inString = c != '"';
                continue;
            }

            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                stringLine = line;
            }
            else if (c == ';')
            {
                statements.Add((Normalize(current), start));
                current.Clear();
                continue;
            }
            else if (c is '\t' or '\r' or '\n' or '\f' or '\v')
            {
                c = ' ';
            }
            else if (c < ' ' || c > '~')
            {
                throw new BsdlFormatException(source, line, $"the character 0x{(int)c:X2} does not belong in a BSDL file");
            }

            if (current.Length == 0 && c == ' ')
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = line;
            }

            current.Append(c);
        }

        if (inString)
        {
            throw new BsdlFormatException(source, stringLine, "a string is not closed");
        }

        if (Normalize(current).Length > 0)
        {
            throw new BsdlFormatException(source, start, "the last statement has no closing ';' (is the file cut short?)");
        }

        return statements;
    }

    private static string Normalize(StringBuilder text)
    {
        var result = new StringBuilder(text.Length);
        var inString = false;
        foreach (var c in text.ToString().Trim())
        {
            inString ^= c == '"';
            if (!inString && c == ' ' && result.Length > 0 && result[^1] == ' ')
            {
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
