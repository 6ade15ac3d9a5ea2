namespace Spps.Tcl.Commands;

/// <summary>
/// Remembers the secret words given so far in one interpreter and takes them, and anything key-like
/// (<see cref="KeyLikeText"/>), out of text that may quote them: messages, log lines, Tcl's errorInfo trace.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>The fewest leading characters of a secret that are redacted when Tcl has cut the rest off.</summary>
    public const int ShortestRedactedPrefix = 8;

    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers a secret word. Words shorter than <see cref="ShortestRedactedPrefix"/> cannot be keys and are not.</summary>
    public void Remember(string secret)
    {
        if (secret.Length >= ShortestRedactedPrefix)
        {
            _seen.Add(secret);
        }
    }

    /// <summary>
    /// Replaces every remembered secret (in any letter case, whole or as a cut-off prefix of at least
    /// <see cref="ShortestRedactedPrefix"/> characters, since Tcl cuts long words in traces) and every key-like run.
    /// </summary>
    public string Redact(string text) =>
        KeyLikeText.Replace(text, at => Math.Max(KeyLikeText.LengthAt(text, at), _seen.Count == 0 ? 0 : _seen.Max(secret => MatchedLength(text, at, secret))));

    private static int MatchedLength(string text, int at, string secret)
    {
        var length = 0;
        while (length < secret.Length && at + length < text.Length
               && char.ToUpperInvariant(text[at + length]) == char.ToUpperInvariant(secret[length]))
        {
            length++;
        }

        return length == secret.Length || length >= ShortestRedactedPrefix ? length : 0;
    }
}
