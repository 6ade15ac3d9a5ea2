namespace Spps.Tcl.Commands;

/// <summary>
/// Which words of one command call are secret. In any command: the value of a secret option, and any key-like word
/// (<see cref="KeyLikeText"/>). In a command that has secret options, also every word the parser cannot give to one of
/// its other options — a bare word, the value of an unknown or wrongly cased option (<c>-uekl</c>, <c>-UEK1</c>) —
/// because that is where a key typed without its option, or under a misspelt one, ends up.
/// </summary>
internal static class SecretWords
{
    public static bool[] Find(CommandSpec command, IReadOnlyList<string> words)
    {
        var secret = new bool[words.Count];
        var guarded = command.Options.Any(option => option.Secret);
        for (var i = 0; i < words.Count; i++)
        {
            secret[i] = KeyLikeText.Contains(words[i]);
            var option = Named(command, words[i]);
            if (option is { Kind: OptionKind.Flag })
            {
                i += i + 1 < words.Count && OptionParser.IsBooleanWord(words[i + 1]) ? 1 : 0;
            }
            else if (option is not null)
            {
                if (++i < words.Count)
                {
                    secret[i] = option.Secret || KeyLikeText.Contains(words[i]);
                }
            }
            else if (guarded && !IsOptionName(words[i]))
            {
                secret[i] = true;
            }
            else if (guarded && i + 1 < words.Count && Named(command, words[i + 1]) is null)
            {
                secret[++i] = true; // the value of an unknown option
            }
        }

        return secret;
    }

    private static bool IsOptionName(string word) => word.Length > 1 && word[0] == '-';

    private static OptionSpec? Named(CommandSpec command, string word) => IsOptionName(word) ? command.FindOption(word[1..]) : null;
}
