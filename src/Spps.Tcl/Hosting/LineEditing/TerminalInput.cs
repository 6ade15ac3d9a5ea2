using Spps.Devices;
using Spps.Tcl.Commands;
using Spps.Workspace.Storage;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// The prompt on a terminal: the line editor, with the history of earlier sessions from the history file and this
/// session's commands as typed; what is added to the file is the redacted command. A history file that cannot be read
/// or written is said once as a warning, and the session goes on without it.
/// </summary>
internal sealed class TerminalInput : IShellInput
{
    private readonly TclInterpreter _interpreter;
    private readonly CommandRegistry _commands;
    private readonly LineHistory _history;
    private readonly LineEditor _editor;
    private HistoryFile? _file;

    private TerminalInput(TclInterpreter interpreter, IProgramShell shell, string homeFolder)
    {
        _interpreter = interpreter;
        _commands = shell.Commands;
        _file = new HistoryFile(Path.Combine(homeFolder, HistoryFile.FileName));
        _history = new LineHistory(LoadHistory());
        interpreter.Invoke("auto_load_index"); // so Tcl's library commands not loaded yet (history, parray) complete too
        var completer = new Completer(shell.Commands, TclCommandNames, shell.CompletionNames, Directory.GetCurrentDirectory);
        _editor = new LineEditor(new ConsoleTerminal(), _history, completer, TimeProvider.System);
    }

    public static TerminalInput Open(TclInterpreter interpreter, IProgramShell shell, string homeFolder) => new(interpreter, shell, homeFolder);

    public ShellLine ReadLine(string prompt)
    {
        _interpreter.Flush(); // what the last command printed comes before the prompt
        using (ConsoleTerminal.ReadingLine())
        {
            return _editor.ReadLine(prompt);
        }
    }

    /// <summary>Recall within the session keeps the command as typed; the file, which outlives it, gets it redacted (docs/shell.md).</summary>
    public void Ran(string typed, string redacted)
    {
        _history.Add(typed);
        try
        {
            _file?.Append(redacted);
        }
        catch (Exception error) when (error is DomainException || Writable.IsIoFailure(error))
        {
            GiveUpFile($"cannot write the history file '{_file?.Path}': {error.Message}");
        }
    }

    /// <summary>Releases nothing: the console belongs to the process, and the history file is closed after every write.</summary>
    public void Dispose()
    {
    }

    private IReadOnlyList<string> LoadHistory()
    {
        try
        {
            return _file!.Load();
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            GiveUpFile($"cannot read the history file '{_file?.Path}': {error.Message}");
            return [];
        }
    }

    private void GiveUpFile(string problem)
    {
        _file = null;
        _commands.OutputContext(_interpreter).Warning($"{problem}. Commands are recalled in this session only.");
    }

    // Tcl's library commands are in its auto_index until first used; its namespaced helpers (::safe::...) are not for typing.
    private IEnumerable<string> TclCommandNames() =>
        _interpreter.SplitList(_interpreter.Invoke("info", "commands"))
            .Concat(_interpreter.SplitList(_interpreter.Invoke("array", "names", "::auto_index")).Where(name => !name.Contains("::", StringComparison.Ordinal)));
}
