namespace Spps.Formats.Memory;

/// <summary>The non-blank lines of a text memory file, trimmed, with their line numbers (for errors).</summary>
internal static class NumberedLines
{
    public static IEnumerable<(int Number, string Text)> Read(TextReader text)
    {
        var number = 0;
        while (text.ReadLine() is { } raw)
        {
            number++;
            var line = raw.Trim();
            if (line.Length > 0)
            {
                yield return (number, line);
            }
        }
    }
}
