using Spps.Devices;

namespace Spps.Tcl.Commands;

/// <summary>
/// Makes a command name Tcl cannot resolve suggest the closest existing ones, at the prompt and in scripts alike:
/// <c>invalid command name "new_projet". Did you mean new_project?</c>. Tcl's own <c>unknown</c> (auto-loading,
/// abbreviations and external programs at an interactive prompt) still runs first and is wrapped, not replaced; the
/// errorCode stays <c>TCL LOOKUP COMMAND &lt;name&gt;</c>, so scripts that catch it are unaffected.
/// </summary>
internal static class UnknownCommandHint
{
    private const string ClosestCommand = "::spps::closest_commands";

    // The wrapper runs Tcl's unknown one level up, where the unknown command was called, so its checks of the call level
    // (and the commands it runs there) are the same as without the wrapper. Removing -errorinfo lets Tcl build the trace
    // afresh from the longer message. Installed once per interpreter.
    private const string Wrapper =
        $$$"""
        if {[info commands ::spps::tcl_unknown] eq {}} {
            rename ::unknown ::spps::tcl_unknown
            proc ::unknown {args} {
                set code [catch {uplevel 1 [list ::spps::tcl_unknown {*}$args]} result options]
                if {$code == 1 && [lrange [dict get $options -errorcode] 0 2] eq {TCL LOOKUP COMMAND}} {
                    append result [{{{ClosestCommand}}} [lindex $args 0] [uplevel 1 {info commands}]]
                    dict unset options -errorinfo
                }
                dict incr options -level
                return -options $options $result
            }
        }
        """;

    public static void Install(TclInterpreter interpreter)
    {
        interpreter.Eval("namespace eval ::spps {}");
        interpreter.RegisterCommand(ClosestCommand, Hint);
        interpreter.Eval(Wrapper);
    }

    // ". Did you mean …?" to append to Tcl's message, or nothing when no command is near.
    private static string Hint(TclInterpreter interpreter, string commandName, IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 2)
        {
            throw new TclCommandException($"wrong # args: should be \"{commandName} name commands\"", ["TCL", "WRONGARGS"]);
        }

        var hint = CommandErrors.DidYouMean(ClosestNames.To(arguments[0], interpreter.SplitList(arguments[1])));
        return hint.Length == 0 ? hint : "." + hint;
    }
}
