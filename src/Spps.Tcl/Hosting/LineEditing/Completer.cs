using Spps.Devices;
using Spps.Tcl.Commands;
using Spps.Workspace.Storage;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// Tab completion as a function of the line and the cursor: command names (the program's and Tcl's) in command position,
/// a command's option names after a dash (from its <see cref="CommandSpec"/>), and an option's values after it: the
/// values of a choice or boolean option, file paths for a path option, and names from the open project that the program
/// gives (<see cref="IProgramShell.CompletionNames"/>). A command Tcl knows but the program does not declare completes
/// its words as file paths (<c>source</c>, <c>cd</c>).
/// </summary>
/// <param name="tclCommands">Every command the interpreter knows, its own and the program's.</param>
/// <param name="projectNames">Names from the open project the given option of the given command takes.</param>
/// <param name="currentFolder">Where relative paths start.</param>
internal sealed class Completer(
    CommandRegistry commands, Func<IEnumerable<string>> tclCommands, Func<string, string, IReadOnlyList<string>> projectNames, Func<string> currentFolder)
{
    private static readonly EnumerationOptions _readableEntries = new() { IgnoreInaccessible = true, AttributesToSkip = 0 };

    public Completion Complete(string line, int cursor)
    {
        var typed = TypedCommand.Parse(line[..cursor]);
        IReadOnlyList<string> candidates;
        try
        {
            candidates = typed.Words.Count == 0 ? CommandNames() : WordsAfter(typed.Words, typed.Word);
        }
        catch (Exception error) when (error is DomainException or TclErrorException || Writable.IsIoFailure(error))
        {
            // Tab never ends the shell: a project file that cannot be read now, a folder removed while it is listed, or a
            // failing Tcl command offers nothing to complete, and the line stays as typed.
            candidates = [];
        }

        var matching = candidates.Where(candidate => candidate.StartsWith(typed.Word, MatchingOf(candidates, typed.Word)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Completion(typed.WordStart, typed.Word, typed.WordQuoted, matching);
    }

    // Option values in canonical case (MASTER) complete what is typed in any case (m), as the parser accepts it.
    private static StringComparison MatchingOf(IReadOnlyList<string> candidates, string word) =>
        candidates.Any(candidate => candidate.StartsWith(word, StringComparison.Ordinal)) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private List<string> CommandNames() => [.. commands.Commands.Select(command => command.Name), .. tclCommands()];

    private IReadOnlyList<string> WordsAfter(IReadOnlyList<string> words, string word)
    {
        if (commands.Find(words[0]) is not { } command)
        {
            return Paths(word);
        }

        var previous = words.Count > 1 ? command.FindOption(OptionName(words[^1])) : null;
        if (previous is not null && previous.Kind != OptionKind.Flag)
        {
            return ValuesOf(command, previous, word);
        }

        if (word.StartsWith('-'))
        {
            return [.. command.Options.Concat(CommonOptions.All).Select(option => "-" + option.Name)];
        }

        // help's operand names one of the program's commands.
        return command.Operand is { Name: "command" } ? [.. commands.Commands.Select(known => known.Name)] : [];
    }

    private IReadOnlyList<string> ValuesOf(CommandSpec command, OptionSpec option, string word) => option.Kind switch
    {
        OptionKind.Choice or OptionKind.ChoiceList => option.AllowedValues,
        OptionKind.Boolean => ["TRUE", "FALSE"],
        OptionKind.YesNo => ["YES", "NO"],
        _ when option.IsPath => Paths(word),
        OptionKind.Text or OptionKind.Name => projectNames(command.Name, option.Name),
        _ => [],
    };

    private static string OptionName(string word) => word.Length > 1 && word[0] == '-' ? word[1..] : string.Empty;

    /// <summary>Files and folders whose path starts with <paramref name="word"/>; a folder ends with <c>/</c>, so Tab goes on into it.</summary>
    private List<string> Paths(string word)
    {
        var split = word.LastIndexOf('/') + 1;
        var (folderPart, namePart) = (word[..split], word[split..]);
        var folder = Path.Combine(currentFolder(), ExpandHome(folderPart));
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", _readableEntries)
            .Where(entry => entry.Name.StartsWith(namePart, StringComparison.Ordinal))
            .Where(entry => namePart.StartsWith('.') || !entry.Name.StartsWith('.')) // hidden files only when asked for, as in bash
            .Select(entry => folderPart + entry.Name + (entry is DirectoryInfo ? "/" : string.Empty))];
    }

    private static string ExpandHome(string folderPart) =>
        folderPart.StartsWith("~/", StringComparison.Ordinal)
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + folderPart[1..]
            : folderPart;
}
