using System.Globalization;
using System.Text;
using Spps.Formats.Files;
using Spps.Tcl.Commands;

namespace Spps.Tcl.Hosting;

/// <summary>
/// The session's journal, like Vivado's <c>.jou</c>: a Tcl script that does again what the session did, so that work
/// done at the prompt can become a script (docs/tcl-host.md, "The journal"). At the prompt each complete command is
/// written as it was entered, once it has run; in a script (or <c>-c</c>, or standard input) each of the program's
/// commands is written as it ran, its words already substituted, so loops, procs and variables come out as the
/// plain commands they made. A command or entry that failed is written as a comment with its error: it changed
/// nothing, and replaying it would stop the replay. Secrets are redacted as in the LOGFILE. Written through as it
/// happens; a journal that cannot be written is a warning, and the session goes on without it.
/// </summary>
internal sealed class SessionJournal : ICommandObserver, IDisposable
{
    private const string Rule = "#-----------------------------------------------------------";

    private readonly string _path;
    private readonly bool _asEntered;
    private readonly CommandRegistry _commands;
    private readonly Action<string> _warn;
    private readonly List<string> _entryCommands = [];
    private StreamWriter? _writer;

    private SessionJournal(string path, bool asEntered, CommandRegistry commands, Action<string> warn, StreamWriter writer)
    {
        _path = path;
        _asEntered = asEntered;
        _commands = commands;
        _warn = warn;
        _writer = writer;
    }

    /// <summary>
    /// Starts the journal at <paramref name="location"/> (none when null) and has it see every command of
    /// <paramref name="commands"/>; null, after a warning, when it cannot be written.
    /// </summary>
    /// <param name="asEntered">At the prompt: entries are written as entered (<see cref="EntryRan"/>), not the commands they ran.</param>
    /// <param name="session">What runs, as the LOGFILE's start line says it (secrets already redacted).</param>
    public static SessionJournal? Start(JournalLocation? location, ProgramDefinition program, string session, string? logFile,
        bool asEntered, CommandRegistry commands, Action<string> warn)
    {
        if (location is null)
        {
            return null;
        }

        StreamWriter? writer = null;
        var problem = OutputPath.TryWrite(location.FullPath, OutputKind.File, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(location.FullPath)!);
            writer = new StreamWriter(Create(location), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        });
        if (problem is not null)
        {
            warn(CannotWrite(location.FullPath, problem));
            return null;
        }

        var journal = new SessionJournal(location.FullPath, asEntered, commands, warn, writer!);
        journal.WriteHeader(program, session, logFile);
        commands.AddObserver(journal);
        return journal;
    }

    /// <summary>An entry typed at the prompt ran: it goes into the journal as entered (an empty line does not).</summary>
    public void EntryRan(string entry)
    {
        _entryCommands.Clear();
        if (!string.IsNullOrWhiteSpace(entry))
        {
            Write(_commands.RedactCommandText(entry.TrimEnd('\n')));
        }
    }

    /// <summary>
    /// An entry typed at the prompt failed: the commands of it that had run are written as they ran (what they did is
    /// part of the session), then the entry as a comment with its error.
    /// </summary>
    public void EntryFailed(string entry, string message)
    {
        _entryCommands.ForEach(Write);
        _entryCommands.Clear();
        Write(Commented($"error: {message}\n{entry.TrimEnd('\n')}"));
    }

    public void CommandStarted(string commandLine)
    {
    }

    public void CommandFinished(string commandLine, string result, TimeSpan duration)
    {
        if (_asEntered)
        {
            _entryCommands.Add(commandLine);
        }
        else
        {
            Write(commandLine);
        }
    }

    public void CommandFailed(string commandLine, string message, IReadOnlyList<string> errorCode, TimeSpan duration)
    {
        if (!_asEntered)
        {
            Write(Commented($"error: {message}\n{commandLine}"));
        }
    }

    public void LinePrinted(TclChannel channel, string line)
    {
    }

    public void Dispose() => _writer?.Dispose();

    // How often a session tries to start the home's journal while other sessions of the same home start theirs.
    private const int StartAttempts = 20;

    // The home's journal: the one found is moved to the backup, and a new file is created, never opened over one that
    // another session of the same home (stations sharing a home) has just created and writes. A session that finds
    // the journal moved away by another, or created again meanwhile, waits a moment of its own (so that sessions
    // starting together do not keep colliding) and tries again. A journal named by -journal or beside the LOGFILE
    // has no backup and is replaced, as the user asked for that file.
    private static FileStream Create(JournalLocation location)
    {
        if (location.BackupPath is not { } backup)
        {
            return new FileStream(location.FullPath, FileMode.Create, FileAccess.Write, FileShare.Read);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (File.Exists(location.FullPath))
                {
                    File.Move(location.FullPath, backup, overwrite: true);
                }

                return new FileStream(location.FullPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            }
            catch (IOException error) when (attempt < StartAttempts && (error is FileNotFoundException || File.Exists(location.FullPath)))
            {
                Thread.Sleep(Random.Shared.Next(1, 10));
            }
        }
    }

    private static string CannotWrite(string path, string problem) =>
        $"the journal '{path}' cannot be written: {problem}. The session goes on without a journal.";

    private void WriteHeader(ProgramDefinition program, string session, string? logFile)
    {
        var started = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Write(string.Join('\n',
            Rule,
            $"# {program.ProductName} {program.Version} ({program.Name}): the journal of a session, a Tcl script that replays it",
            $"# Start of session at: {started}",
            $"# Current directory: {Directory.GetCurrentDirectory()}",
            $"# Session: {session}",
            logFile is null ? "# Log file: none" : $"# Log file: {Path.GetFullPath(logFile)}",
            $"# Journal file: {_path}",
            $"# Replay: {program.Name} {Path.GetFileName(_path)} (relative paths are taken from the folder it runs in)",
            Rule));
    }

    // Text whose lines are comments, secrets redacted: a failed command or entry, and its error.
    private string Commented(string text) => string.Join('\n', _commands.RedactCommandText(text).Split('\n').Select(line => "# " + line));

    private void Write(string text)
    {
        if (_writer is null)
        {
            return;
        }

        try
        {
            _writer.WriteLine(text);
        }
        catch (IOException error)
        {
            var writer = _writer;
            _writer = null; // said once: the rest of the session goes on without a journal
            _warn(CannotWrite(_path, OutputPath.Reason(_path, OutputKind.File, error)));
            DisposeFailed(writer);
        }
    }

    // Closing flushes what is still buffered, which fails again the way the write did; that failure was just reported.
    private static void DisposeFailed(StreamWriter writer)
    {
        try
        {
            writer.Dispose();
        }
        catch (IOException)
        {
        }
    }
}
