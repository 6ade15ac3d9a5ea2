using Spps.FpExpress.Programmer;
using Spps.FpExpress.Projects;
using Spps.Tcl.Commands;

namespace Spps.FpExpress.Debug;

/// <summary>The debug commands on a debug job's targets (ours: SmartDebug unlocks a device from its window): the unlock and what a debugger reads.</summary>
public static class DebugCommands
{
    public const string Area = "Debug";

    /// <summary>Both commands work on a debug job's target of the connected board, so both need the project and the board.</summary>
    public static IReadOnlyList<CommandSpec> Create(DebugService debug, ProgrammerService programmer, JobProjectService projects) =>
        [.. new[] { UnlockDebug(debug), ReadDebugInfo(debug) }.Select(spec => spec.Needing(Preconditions.OpenJobProject(projects)).Needing(Preconditions.ConnectedBoard(programmer)))];

    private static CommandSpec UnlockDebug(DebugService debug) =>
        new("unlock_debug", Area, "Unlocks the debug features of a debug job's target with a one-time passcode of the job's M-HSM.",
        [
            OptionSpec.EntryName("device", "device_name", "The target's device name in the debug job.", required: true),
            OptionSpec.Path("save_passcode", "file", "Also keep the passcode the M-HSM answered in this file once the device has taken it (it answers that challenge only)."),
            OptionSpec.File("passcode_file", "file", "Give the device the passcode kept in this file instead of asking the M-HSM: no ticket is spent, and the device refuses a passcode of an earlier unlock or of another device."),
        ], (context, options) =>
        {
            var outcome = debug.Unlock(options.Text("device"), FullPath(options.OptionalText("passcode_file")), FullPath(options.OptionalText("save_passcode")),
                context.Info, context.Warning);
            return context.List([outcome.Device, outcome.Result.Passed ? "PASSED" : "FAILED"]);
        })
        {
            Example = """
            unlock_debug -device FPGA
            """,
            Description = "The chain is scanned first, and the device is asked whether it would refuse the unlock (debug not locked, no DPK, no design, " +
                          "another die) before the job's M-HSM spends a DEBUG ticket of the target for the device's challenge. The device's answer is " +
                          "printed with its exit code and kept in the project's production record (action DEBUG); the unlock lasts until the device's " +
                          "next challenge, PROGRAM or ERASE. The result is a dict: device name → PASSED or FAILED.",
        };

    private static CommandSpec ReadDebugInfo(DebugService debug) =>
        new("read_debug_info", Area, "Shows what a debug job's target gives a debugger; refused while its debug is locked.",
        [
            OptionSpec.EntryName("device", "device_name", "The target's device name in the debug job.", required: true),
        ], (context, options) =>
        {
            var lines = debug.ReadInfo(options.Text("device"));
            foreach (var line in lines)
            {
                context.Info(line);
            }

            return context.List(lines.SelectMany(DictEntry));
        })
        {
            Example = """
            read_debug_info -device FPGA
            """,
            Description = "The design, its components with their digests, the security policy and the key state (never a key value). " +
                          "The result is a dict of what the device answered: idcode, dsn, design, user_keys, …, key_state, component_<name>.",
        };

    private static string? FullPath(string? path) => path is null ? null : Path.GetFullPath(path);

    // "Key state = 2D (…)" → key_state, "2D (…)": the device's names, lower case with underscores, as dict keys.
    private static string[] DictEntry(string line)
    {
        var separator = line.IndexOf(" = ", StringComparison.Ordinal);
        return separator < 0
            ? throw new InvalidOperationException($"the device answered a line without ' = ': {line}")
            : [line[..separator].Replace(' ', '_').ToLowerInvariant(), line[(separator + 3)..]];
    }
}
