namespace Spps.Formats.CommandLines;

/// <summary>
/// A program used as <c>PROGRAM COMMAND [--option value | --switch]…</c> (spps-bench, spps-hsm), so that such programs
/// show their usage and refuse wrong arguments alike. A wrong command or option is a <see cref="UsageException"/>,
/// which the program reports (exit code 2) beside its own errors: those, and their exit codes, are each program's.
/// </summary>
public sealed class SubcommandProgram(string name, string usage, IReadOnlyList<Subcommand> commands)
{
    /// <summary>
    /// Runs the command <paramref name="args"/> name and gives the exit code: 0 when it ends. Without arguments the
    /// usage is printed and the code is 2 (nothing was asked); with <c>--help</c>, <c>-h</c> or <c>help</c> first, 0.
    /// </summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        if (args is [] or ["--help" or "-h" or "help", ..])
        {
            await output.WriteLineAsync(usage).ConfigureAwait(false);
            return args.Count == 0 ? 2 : 0;
        }

        var command = commands.FirstOrDefault(known => known.Name == args[0])
            ?? throw new UsageException($"unknown command '{args[0]}' (expecting {string.Join(", ", commands.Select(known => known.Name))}). Try '{name} --help'.");
        await command.Run(new CommandLine(name, [.. args.Skip(1)], command.Options, command.Switches)).ConfigureAwait(false);
        return 0;
    }
}
