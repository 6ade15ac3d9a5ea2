using Spps.Formats.CommandLines;

namespace Spps.Tcl.Hosting;

/// <summary>
/// The program's arguments, read in the Libero style (<c>SCRIPT:f.tcl SCRIPT_ARGS:"a b" LOGFILE:run.log</c>) or the
/// tclsh style (<c>f.tcl a b</c>, <c>-c "cmd"</c>). Script arguments are kept raw: <c>SCRIPT_ARGS</c> is a Tcl list
/// and is split by Tcl itself once an interpreter exists.
/// </summary>
internal sealed record Invocation(RunMode Mode)
{
    public string? ScriptPath { get; init; }

    public string? CommandText { get; init; }

    /// <summary>Arguments given one per word (tclsh style).</summary>
    public IReadOnlyList<string> ScriptArguments { get; init; } = [];

    /// <summary>The raw <c>SCRIPT_ARGS:</c> value, a Tcl list.</summary>
    public string? ScriptArgumentList { get; init; }

    public string? LogFile { get; init; }

    /// <summary>The journal file <c>-journal FILE</c> names (see <see cref="JournalLocation"/>).</summary>
    public string? JournalFile { get; init; }

    /// <summary><c>-nojournal</c>: the session writes no journal.</summary>
    public bool NoJournal { get; init; }

    public static Invocation Parse(IReadOnlyList<string> args, bool standardInputIsTerminal, string programName)
    {
        var invocation = new Invocation(standardInputIsTerminal ? RunMode.Interactive : RunMode.StandardInput);
        var forceInteractive = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (TryPrefixed(arg, "SCRIPT:", out var script))
            {
                invocation = WithScript(invocation, script);
            }
            else if (TryPrefixed(arg, "SCRIPT_ARGS:", out var list))
            {
                invocation = invocation with { ScriptArgumentList = list };
            }
            else if (TryPrefixed(arg, "LOGFILE:", out var log))
            {
                invocation = invocation with { LogFile = log.Length > 0 ? log : throw new UsageException("LOGFILE: needs a file name, as in LOGFILE:run.log.") };
            }
            else if (invocation.Mode is RunMode.Script or RunMode.Command)
            {
                // Everything after the script (or -c text) belongs to the script, dashes included.
                invocation = invocation with { ScriptArguments = [.. invocation.ScriptArguments, arg] };
            }
            else if (arg is "--help" or "-h")
            {
                return new Invocation(RunMode.Help);
            }
            else if (arg == "--version")
            {
                return new Invocation(RunMode.Version);
            }
            else if (arg == "-i")
            {
                forceInteractive = true;
            }
            else if (arg == "-journal")
            {
                invocation = invocation with
                {
                    JournalFile = i + 1 < args.Count && args[i + 1].Length > 0 ? args[++i] : throw new UsageException("-journal needs a file name, as in -journal session.jou."),
                };
            }
            else if (arg == "-nojournal")
            {
                invocation = invocation with { NoJournal = true };
            }
            else if (arg == "-c")
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException("-c needs the commands to run, as in -c \"help\".");
                }

                invocation = invocation with { Mode = RunMode.Command, CommandText = args[++i] };
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                throw new UsageException($"unknown option '{arg}'. Try '{programName} --help'.");
            }
            else
            {
                invocation = WithScript(invocation, arg);
            }
        }

        if (invocation.ScriptArgumentList is not null && invocation.Mode is not (RunMode.Script or RunMode.Command))
        {
            throw new UsageException("SCRIPT_ARGS: goes with a script, as in SCRIPT:flow.tcl SCRIPT_ARGS:\"a b\".");
        }

        if (invocation.NoJournal && invocation.JournalFile is not null)
        {
            throw new UsageException($"give either -journal {invocation.JournalFile} or -nojournal, not both.");
        }

        if (invocation.ScriptArgumentList is not null && invocation.ScriptArguments.Count > 0)
        {
            throw new UsageException("give script arguments either after the script or in SCRIPT_ARGS:, not both.");
        }

        return forceInteractive && invocation.Mode is RunMode.StandardInput or RunMode.Interactive
            ? invocation with { Mode = RunMode.Interactive }
            : invocation;
    }

    private static Invocation WithScript(Invocation invocation, string path)
    {
        if (invocation.Mode is RunMode.Script or RunMode.Command)
        {
            throw new UsageException($"only one script can run; '{path}' is a second one.");
        }

        return path.Length > 0
            ? invocation with { Mode = RunMode.Script, ScriptPath = path }
            : throw new UsageException("SCRIPT: needs a file name, as in SCRIPT:flow.tcl.");
    }

    // Libero's tools accept these keywords in any case (script: is common in published scripts).
    private static bool TryPrefixed(string arg, string prefix, out string value)
    {
        var matches = arg.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        value = matches ? arg[prefix.Length..] : string.Empty;
        return matches;
    }
}
