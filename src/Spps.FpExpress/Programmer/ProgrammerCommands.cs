using Spps.FpExpress.Projects;
using Spps.Tcl.Commands;

namespace Spps.FpExpress.Programmer;

/// <summary>The virtual programmer's commands: the chain scan, the run of the selected actions, and a plain file on one device.</summary>
public static class ProgrammerCommands
{
    public const string Area = "Programmer";

    public static IReadOnlyList<CommandSpec> Create(ProgrammerService programmer, ProductionRunService run, JobProjectService projects)
    {
        var needsProject = Preconditions.OpenJobProject(projects);
        var needsBoard = Preconditions.ConnectedBoard(programmer);
        return
        [
            new CommandSpec("connect_bench", Area, "Connects the virtual programmer to a board of a bench made by spps-bench.",
            [
                OptionSpec.Path("bench", "folder", "The bench folder (spps-bench create --bench).", required: true),
                OptionSpec.Integer("board", "number", "The board, 1 to the bench's number of boards.", 1, int.MaxValue, required: true),
            ], (context, options) =>
            {
                var board = programmer.ConnectBench(Path.GetFullPath(options.Text("bench")), (int)options.Integer("board"));
                context.Info($"Connected to board {board.Number} of the bench '{board.Folder}': {board.Chain.Count} device(s) in its chain; device factory {board.FactoryDescription}.");
                return board.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            })
            {
                Example = """
                connect_bench -bench bench -board 1
                """,
                Description = "The programmer holds the board under its lock until another board is connected or the program ends, so no other station " +
                              "changes it meanwhile; a board another station holds is waited for up to 30 seconds. The result is the board's number.",
            },
            new CommandSpec("scan_chain_prg", Area, "Reads the IDCODEs of the connected board's chain and compares them with the job's chain.", [], (context, _) =>
            {
                var board = programmer.RequireBoard();
                foreach (var device in board.Chain)
                {
                    context.Info($"Board {board.Number}, {device.Describe()}.");
                }

                ChainScan.Require(projects.RequireProject().Job, board);
                context.Info($"The chain of board {board.Number} is the chain of job '{projects.RequireProject().Name}'.");
                return context.List(board.Chain.Select(device => device.IdCodeText));
            })
            {
                Example = """
                scan_chain_prg
                """,
                Description = "A device missing at the end of the chain, an extra one, one of another die and two devices in each other's place are each " +
                              "reported by position and name, as an error. The result is the chain's IDCODEs from TDI.",
            }.Needing(needsProject).Needing(needsBoard),
            new CommandSpec("run_selected_actions", Area, "Runs each target's selected action on the connected board's devices.", [], (context, _) =>
            {
                var outcomes = run.Run(context.Info, context.Warning, context.Cancellation, context.Progress);
                return context.List(outcomes.SelectMany(outcome => new[] { outcome.Device, outcome.Result.Passed ? "PASSED" : "FAILED" }));
            })
            {
                Example = """
                run_selected_actions
                """,
                Description = "The chain is scanned first. A ticketed action (PROGRAM, ERASE, VERIFY; ENC_DATA_AUTHENTICATION on the VERIFY ticket) of an HSM " +
                              "job is authorised by the job's M-HSM for each device, which spends the ticket. Each device's result is printed with its exit " +
                              "code and kept in the project's production record, with the CoCs. The result is a dict: device name → PASSED or FAILED.",
            }.Needing(needsProject).Needing(needsBoard),
            new CommandSpec("program_file", Area, "Runs one action on one device of the connected board from a STAPL or DAT file.",
            [
                OptionSpec.File("file", "file", "The STAPL (.stp) or DAT (.dat) file the Job Manager exported.", required: true),
                OptionSpec.Text("action", "action", $"One of {string.Join(", ", ProgrammingActions.All)}.", required: true),
                OptionSpec.Text("name", "device", "The device: its position in the board's chain (1 at TDI) or its die when no other device has it; required when the board has several Microchip devices."),
            ], (context, options) =>
            {
                var outcome = programmer.ProgramFile(Path.GetFullPath(options.Text("file")), ProgrammingActions.Parse(options.Text("action")), options.OptionalText("name"),
                    context.Info, context.Warning);
                return context.List([outcome.Device, outcome.Result.Passed ? "PASSED" : "FAILED"]);
            })
            {
                Example = """
                program_file -file bitstreams/board_Initiator.stp -action DEVICE_INFO -name 2
                """,
                Description = "No job project and no ticket are involved: the file's own keys (KLK, the device's UEKn) decide. A DAT file's exported UPK1 is " +
                              "given as the passcode. The result is a dict: device name → PASSED or FAILED.",
            }.Needing(needsBoard),
        ];
    }
}
