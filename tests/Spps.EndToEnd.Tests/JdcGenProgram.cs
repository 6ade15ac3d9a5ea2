using System.Diagnostics;

namespace Spps.EndToEnd.Tests;

/// <summary>Runs the built <c>jdcgen</c> program.</summary>
public static class JdcGenProgram
{
    /// <summary>How a Tcl script can run it: a Tcl list of the command words.</summary>
    public static string TclCommand => $"{{{DotnetProgram.StartInfo("jdcgen.dll", []).FileName}}} {{{Path.Combine(AppContext.BaseDirectory, "jdcgen.dll")}}}";

    public static ProcessResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Runs it with <paramref name="environment"/> added to (or, with null values, removed from) the tests' own.</summary>
    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = DotnetProgram.StartInfo("jdcgen.dll", args);
        start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return DotnetProgram.Run(start);
    }
}
