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

    /// <summary>The journal's location for this invocation, or null with <c>-nojournal</c>.</summary>
    public static JournalLocation? For(Invocation invocation, string programName, string homeFolder)
    {
        if (invocation.NoJournal)
        {
            return null;
        }

        if (invocation.JournalFile is { } file)
        {
            return new JournalLocation(Path.GetFullPath(file), null);
        }

        if (invocation.LogFile is { } log)
        {
            var logPath = Path.GetFullPath(log);
            var beside = Path.ChangeExtension(logPath, Extension);
            return new JournalLocation(beside == logPath ? logPath + Extension : beside, null); // LOGFILE:run.jou keeps its log
        }

        return new JournalLocation(Path.Combine(homeFolder, programName + Extension), Path.Combine(homeFolder, programName + ".backup" + Extension));
    }
}
