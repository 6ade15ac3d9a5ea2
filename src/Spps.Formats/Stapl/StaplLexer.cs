namespace Spps.Formats.Stapl;

/// <summary>
/// Splits STAPL text into statements: a statement ends with ';' outside a string; a comment runs from an
/// apostrophe outside a string to the end of the line.
/// </summary>
internal static class StaplLexer
{
    public static IEnumerable<StaplStatement> Statements(string text, string source)
    {
        var statement = new System.Text.StringBuilder();
        var line = 1;
        var startLine = 0;
        var startOffset = 0;
        var inString = false;
        var stringLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }

            if (!inString && c == '\'')
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '"')
            {
                inString = !inString;
                stringLine = line;
            }

            if (!inString && c == ';')
            {
                yield return new StaplStatement(statement.ToString().Trim(), startLine, startOffset);
                statement.Clear();
                startLine = 0;
                continue;
            }

            if (statement.Length == 0 && startLine == 0)
            {
                if (char.IsWhiteSpace(c))
                {
                    continue;
                }

                startLine = line;
                startOffset = i;
            }

            statement.Append(c);
        }

        if (inString)
        {
            throw new StaplFormatException(source, stringLine, "a string is not closed");
        }

        if (statement.ToString().Trim().Length > 0)
        {
            throw new StaplFormatException(source, startLine, "the statement starting here has no ';' (the file is truncated)");
        }
    }
}
