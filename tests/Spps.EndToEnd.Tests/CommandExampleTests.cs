using System.Text.RegularExpressions;
using Spps.FpExpress;
using Spps.JobManager;
using Spps.Tcl;
using Spps.Tcl.Commands;
using Spps.Tcl.Hosting;
using Spps.Testing;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// Every command's help, in both programs, fits 80 columns, says what the command needs and ends with its example; and
/// every example runs, as written, in a temporary project made from the examples' inputs.
/// </summary>
public sealed partial class CommandExampleTests : EndToEndTest
{
    private const string Jm = "jobmanager";
    private const string Fp = "fpexpress";
    private const string Project = "open_project -project FirstProject/FirstProject.jprj";

    /// <summary>
    /// Every command's example in an order where each finds what it needs: the Job Manager's secure flow up to the job
    /// request, the M-HSM's reply, the HSM job's export, the production station with the non-HSM job on a bench and the
    /// HSM job's status, and the statuses back at the Job Manager. The lines that are not examples only open and close
    /// projects between the programs.
    /// </summary>
    private static readonly Step[] _steps =
    [
        Example(Jm, "set_hsm_params"), Example(Jm, "get_software_info"), Example(Jm, "create_keyset"), Example(Jm, "report_keyset"),
        Example(Jm, "new_project"), Example(Jm, "close_project"), Example(Jm, "open_project"), Example(Jm, "new_prog_data"),
        Example(Jm, "set_key"), Example(Jm, "remove_key"), Example(Jm, "set_security_overwrite"), Example(Jm, "remove_security_overwrite"),
        Example(Jm, "set_new_keys_for_rotation"), Example(Jm, "set_envm_update"), Example(Jm, "remove_envm_update"),
        Example(Jm, "set_snvm_update"), Example(Jm, "remove_snvm_update"), Example(Jm, "init_bitstream"), Example(Jm, "export_bitstream_file"),
        Example(Jm, "report_prog_data"), Example(Jm, "export_spi_directory"), Example(Jm, "new_prog_job"), Example(Jm, "add_microsemi_prog_device"),
        Example(Jm, "add_microsemi_bypass_device"), Example(Jm, "add_non_microsemi_bypass_device"), Example(Jm, "report_prog_job"),
        Example(Jm, "export_prog_job"), Example(Jm, "add_hsmtask_to_job"), Example(Jm, "new_hsmtask_ticket"), Example(Jm, "report_hsmtask"),
        Example(Jm, "hsmtask_m_request"), Example(Jm, "help"), Given(Jm, "close_project -save TRUE"),

        Example(Fp, "set_hsm_params"), Example(Fp, "process_job_request"), Example(Fp, "help"),

        Given(Jm, Project), Example(Jm, "hsmtask_m_reply"), Example(Jm, "export_hsmtask"), Given(Jm, "close_project -save TRUE"),

        Example(Fp, "list_all_hsm_tickets"), Example(Fp, "create_job_project"), Example(Fp, "set_programming_action"), Example(Fp, "save_project"),
        Example(Fp, "close_project"), Example(Fp, "open_project"), Example(Fp, "connect_bench"), Example(Fp, "scan_chain_prg"),
        Example(Fp, "run_selected_actions"), Example(Fp, "program_file"), Given(Fp, "close_project"),
        Given(Fp, "create_job_project -job_project_location line1 -job_file jobs/Line1_CM1.job"),
        Example(Fp, "get_job_status"), Example(Fp, "complete_prog_job"), Given(Fp, "close_project"), Example(Fp, "remove_hsm_tickets"),

        Given(Jm, Project), Example(Jm, "import_job_status"), Example(Jm, "export_job_report"), Given(Jm, "close_project -save TRUE"),
    ];

    /// <summary>Commands whose example is not run here, and why.</summary>
    private static readonly Dictionary<(string Program, string Command), string> _notRun = new()
    {
        [(Fp, "unlock_debug")] = "needs a SmartDebug job bound by its own M-HSM reply and a device programmed with its Initiator: the debug flow of ExampleTests runs it",
        [(Fp, "read_debug_info")] = "needs a device whose debug unlock_debug opened: the debug flow of ExampleTests runs it",
        [(Fp, "complete_debug_job")] = "needs a SmartDebug job project: the debug flow of ExampleTests runs it",
    };

    [Fact]
    public void Every_command_help_of_both_programs_fits_80_columns_says_what_it_needs_and_ends_with_its_example_with_no_key_in_it()
    {
        foreach (var (program, command, registry) in AllCommands())
        {
            var help = HelpFormatter.CommandHelp(command);
            Assert.True(registry.Redact(help) == help, $"{program} {command.Name}: its help holds what is printed as {CommandRegistry.SecretMark} (a key value)");
            Assert.All(help.Split('\n'), line => Assert.True(line.Length <= 80, $"{program} {command.Name}: a line of {line.Length} columns: {line}"));
            if (command.Preconditions.Count > 0)
            {
                var needs = $"Needs: {string.Join(", ", command.Preconditions.Select(precondition => precondition.Needs))}.";
                Assert.Contains(needs, Whitespace().Replace(help, " "), StringComparison.Ordinal);
            }

            Assert.False(command.Example is null, $"{program} {command.Name} has no example");
            Assert.EndsWith("\nExample:\n" + string.Concat(command.Example.Split('\n').Select(line => $"  {line}\n")), help, StringComparison.Ordinal);
        }

        foreach (var program in new[] { Jm, Fp })
        {
            var list = (program == Jm ? JobManager : FpExpress).Run("-c", "help").Stdout;
            Assert.All(list.Split('\n'), line => Assert.True(line.Length <= 80, $"{program} help: a line of {line.Length} columns: {line}"));
        }
    }

    [Fact]
    public void Every_command_example_of_both_programs_runs_in_a_temporary_project()
    {
        var commands = AllCommands();
        var planned = _steps.Where(step => step.Command is not null).Select(step => (step.Program, step.Command!)).Concat(_notRun.Keys);
        Assert.Equal(commands.Select(entry => (entry.Program, entry.Command.Name)).Order(), planned.Order());

        MakeInputs();
        var examples = commands.ToDictionary(entry => (entry.Program, entry.Command.Name), entry => entry.Command.Example!);
        var output = new List<string>();
        var phase = 0;
        foreach (var run in Phases())
        {
            var script = WriteScript($"phase{++phase}.tcl", ScriptOf(run, examples));
            var result = (run[0].Program == Jm ? JobManager : FpExpress).Run(script);
            Assert.True(result.ExitCode == 0, $"{run[0].Program}, phase {phase}: {result.Stderr}\n{result.Stdout}");
            output.AddRange(result.Stdout.Split('\n').Where(line => line.StartsWith("EXAMPLE ", StringComparison.Ordinal)).Select(line => $"{run[0].Program}: {line}"));
        }

        Assert.Equal(_steps.Where(step => step.Command is not null).Select(step => $"{step.Program}: EXAMPLE PASSED {step.Command}"), output);
    }

    private static Step Example(string program, string command) => new(program, command, null);

    private static Step Given(string program, string tcl) => new(program, null, tcl);

    // Consecutive steps of one program run as one script.
    private static List<List<Step>> Phases()
    {
        var phases = new List<List<Step>>();
        foreach (var step in _steps)
        {
            if (phases.Count == 0 || phases[^1][0].Program != step.Program)
            {
                phases.Add([]);
            }

            phases[^1].Add(step);
        }

        return phases;
    }

    // An example that fails is reported and the script goes on, so one run names every failing example.
    private static string ScriptOf(IEnumerable<Step> steps, Dictionary<(string, string), string> examples) =>
        "proc example {command script} {\n" +
        "    if {[catch {uplevel #0 $script} message]} { puts \"EXAMPLE FAILED $command: $message\" } else { puts \"EXAMPLE PASSED $command\" }\n" +
        "}\n" +
        string.Concat(steps.Select(step => step.Command is { } command ? $"example {command} {{\n{examples[(step.Program, command)]}\n}}\n" : step.Tcl + "\n"));

    // The inputs the examples name, in the working folder: the designs and memory files as Libero would export them, the
    // BSDL file of the examples, and a bench of one board whose chain is the Board job's.
    private void MakeInputs()
    {
        foreach (var args in new[]
        {
            "-die M2S010 -design Board -version 3 -envm_client IMEM:8192 -envm_client CONFIG:512 -user_keys UEK1,UEK2 -update_protect fabric,envm -o board.jdc",
            "-spm -die M2S010 -user_keys UEK1 -debug_lock -seed 2 -o board.spm",
            "-die MPFS095T -design Soc -version 1 -snvm_client CAL:1024 -o soc.jdc",
        })
        {
            var made = JdcGenProgram.Run(Work(), args.Split(' '));
            Assert.True(made.ExitCode == 0, made.Stderr);
        }

        File.WriteAllText(Work("firmware.hex"), ":10000000214601360121470136007EFE09D2190141\n:00000001FF\n");
        File.WriteAllText(Work("calibration.hex"), ":04000000DEADBEEFC4\n:00000001FF\n");
        var bsdl = Path.Combine(SourceTree.Root, "examples", "inputs", "housekeeping_cpld.bsd");
        File.Copy(bsdl, Work("housekeeping_cpld.bsd"));
        var bench = BenchProgram.Run("create", "--bench", Work("bench"), "--chain", $"bsdl:{bsdl},M2S010,M2GL010", "--boards", "1", "--seed", "1");
        Assert.True(bench.ExitCode == 0, bench.Stderr);
    }

    private List<(string Program, CommandSpec Command, CommandRegistry Registry)> AllCommands()
    {
        using var tcl = TclInterpreter.Create();
        var environment = new ShellEnvironment(Folder.Combine("registry-home"), TimeProvider.System);
        using var jobManager = JobManagerShell.Install(tcl, environment);
        using var fpExpressTcl = TclInterpreter.Create();
        using var fpExpress = FpExpressShell.Install(fpExpressTcl, environment);
        return
        [
            .. jobManager.Commands.Commands.Select(command => (Jm, command, jobManager.Commands)),
            .. fpExpress.Commands.Commands.Select(command => (Fp, command, fpExpress.Commands)),
        ];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>A command's example, or a line that only carries state between the programs.</summary>
    private sealed record Step(string Program, string? Command, string? Tcl);
}
