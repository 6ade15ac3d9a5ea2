using Spps.Formats.CommandLines;

namespace Spps.Tcl.Hosting;

/// <summary>
/// Where a session's journal goes (docs/tcl-host.md, "The journal"): the file <c>-journal FILE</c> names; else beside
/// the <c>LOGFILE:</c>, with its name and <c>.jou</c>; else <c>&lt;program&gt;.jou</c> in the program's home folder,
/// the previous one kept as <c>&lt;program&gt;.backup.jou</c>. Never in the folder the program runs in, so that a run
/// from a checkout (the examples, the README's commands, the tests) leaves no file there.
/// </summary>
internal sealed record JournalLocation(string FullPath, string? BackupPath)
{
    public const string Extension = ".jou";

    /// <summary>
    /// The journal's location for this invocation, or null with <c>-nojournal</c>. A journal is never the file the run
    /// reads or logs to: <c>-journal</c> naming the script or the <c>LOGFILE:</c> is refused, and a journal that would
    /// land on either (replaying <c>run.jou</c> with <c>LOGFILE:run.log</c>, or the home folder's journal itself) gets
    /// the process id in its name instead, as Vivado's <c>vivado_&lt;pid&gt;.jou</c>.
    /// </summary>
    public static JournalLocation? For(Invocation invocation, string programName, string homeFolder)
    {
        if (invocation.NoJournal)
        {
            return null;
        }

        var script = invocation.ScriptPath is { } scriptPath ? Path.GetFullPath(scriptPath) : null;
        var log = invocation.LogFile is { } logFile ? Path.GetFullPath(logFile) : null;
        string? Taken(string? path) => path is null ? null : path == script ? "the script being run" : path == log ? "the LOGFILE" : null;

        if (invocation.JournalFile is { } file)
        {
            var named = Path.GetFullPath(file);
            return Taken(named) is { } what
                ? throw new UsageException($"-journal {file}: that is {what}; name another file for the journal.")
                : new JournalLocation(named, null);
        }

        var location = Derived(log, programName, homeFolder);
        return Taken(location.FullPath) is null && Taken(location.BackupPath) is null
            ? location
            : new JournalLocation(Path.Combine(Path.GetDirectoryName(location.FullPath)!,
                $"{Path.GetFileNameWithoutExtension(location.FullPath)}_{Environment.ProcessId}{Extension}"), null);
    }

    private static JournalLocation Derived(string? logPath, string programName, string homeFolder)
    {
        if (logPath is not null)
        {
            var beside = Path.ChangeExtension(logPath, Extension);
            return new JournalLocation(beside == logPath ? logPath + Extension : beside, null); // LOGFILE:run.jou keeps its log
        }

        return new JournalLocation(Path.Combine(homeFolder, programName + Extension), Path.Combine(homeFolder, programName + ".backup" + Extension));
    }
}
