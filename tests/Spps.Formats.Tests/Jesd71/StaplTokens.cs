namespace Spps.Formats.Tests.Jesd71;

internal enum TokenKind
{
    Name,
    Number,
    Hex,
    Binary,
    Text,
    Symbol,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Value);

/// <summary>
/// Splits one STAPL statement (as <c>StaplFile</c> keeps it: no comment, no closing ';') into tokens: names
/// (<c>CHR$</c> included), decimal numbers, <c>$hex</c> and <c>#binary</c> literals, strings and operators.
/// </summary>
internal static class StaplTokens
{
    private static readonly string[] _twoCharacterSymbols = ["==", "!=", "<=", ">=", "&&", "||", "..", "<<", ">>"];

    public static List<Token> Of(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '$' && text[i + 1] == '(')
                {
                    i++; // CHR$
                }

                tokens.Add(new Token(TokenKind.Name, text[start..i].ToUpperInvariant()));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i]));
            }
            else if (c is '$' or '#')
            {
                var start = ++i;
                while (i < text.Length && (c == '$' ? char.IsAsciiHexDigit(text[i]) : text[i] is '0' or '1'))
                {
                    i++;
                }

                tokens.Add(new Token(c == '$' ? TokenKind.Hex : TokenKind.Binary, text[start..i]));
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new StaplRuntimeException($"a string is not closed in '{text}'");
                }

                tokens.Add(new Token(TokenKind.Text, text[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                var pair = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                var symbol = _twoCharacterSymbols.Contains(pair) ? pair : c.ToString();
                tokens.Add(new Token(TokenKind.Symbol, symbol));
                i += symbol.Length;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty));
        return tokens;
    }
}
