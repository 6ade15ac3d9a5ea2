using System.Text;

namespace Spps.Tcl.Commands;

/// <summary>
/// Text that may be a key, wherever it stands: a run of 64 or more hexadecimal digits (a 256-bit key as the commands
/// take it, or one mistyped longer), or a run of at least eight that ends where Tcl cut a long command off with "..."
/// in a trace. Such text is treated as secret in every message, log line and trace, so a key typed to the wrong
/// command, under the wrong option or without one still never comes back out.
/// </summary>
public static class KeyLikeText
{
    /// <summary>A 256-bit key written in hexadecimal.</summary>
    public const int KeyDigits = 64;

    /// <summary>The fewest digits before Tcl's "..." that are taken for the start of a cut-off key.</summary>
    public const int ShortestCutPrefix = 8;

    private const string TclCutMark = "...";

    /// <summary>Whether the text holds key-like digits anywhere.</summary>
    public static bool Contains(string text)
    {
        for (var at = 0; at < text.Length; at++)
        {
            if (LengthAt(text, at) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The length of the key-like digits that start at <paramref name="at"/>, or 0 when none start there.</summary>
    public static int LengthAt(string text, int at)
    {
        var run = 0;
        while (at + run < text.Length && char.IsAsciiHexDigit(text[at + run]))
        {
            run++;
        }

        var cutByTcl = run >= ShortestCutPrefix && string.CompareOrdinal(text, at + run, TclCutMark, 0, TclCutMark.Length) == 0;
        return run >= KeyDigits || cutByTcl ? run : 0;
    }

    /// <summary>The text with every key-like run replaced by <see cref="CommandRegistry.SecretMark"/>.</summary>
    public static string Redact(string text) => Replace(text, at => LengthAt(text, at));

    /// <summary>
    /// Replaces, left to right, every secret of the text by <see cref="CommandRegistry.SecretMark"/>;
    /// <paramref name="secretLengthAt"/> gives the length of the secret starting at a position (0 for none).
    /// </summary>
    internal static string Replace(string text, Func<int, int> secretLengthAt)
    {
        StringBuilder? redacted = null;
        var copied = 0;
        var at = 0;
        while (at < text.Length)
        {
            var length = secretLengthAt(at);
            if (length == 0)
            {
                at++;
                continue;
            }

            redacted ??= new StringBuilder(text.Length);
            redacted.Append(text, copied, at - copied).Append(CommandRegistry.SecretMark);
            at += length;
            copied = at;
        }

        return redacted is null ? text : redacted.Append(text, copied, text.Length - copied).ToString();
    }
}
