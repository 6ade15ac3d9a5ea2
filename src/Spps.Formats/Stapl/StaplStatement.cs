namespace Spps.Formats.Stapl;

/// <summary>One statement of a STAPL file: its text without comments and the terminating ';', and the line it starts on.</summary>
public sealed record StaplStatement(string Text, int Line, int Offset)
{
    /// <summary>The statement keyword, upper case (the player upper-cases the first word).</summary>
    public string Keyword
    {
        get
        {
            var end = 0;
            while (end < Text.Length && (char.IsLetterOrDigit(Text[end]) || Text[end] == '_'))
            {
                end++;
            }

            return Text[..end].ToUpperInvariant();
        }
    }
}
