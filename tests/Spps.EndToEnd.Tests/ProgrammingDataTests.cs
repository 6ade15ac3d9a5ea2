using Spps.Formats.Design;

namespace Spps.EndToEnd.Tests;

public sealed class ProgrammingDataTests : EndToEndTest
{
    [Fact]
    public void Jdcgen_makes_inputs_that_the_job_manager_imports_and_modifies()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "MPFS095T", "-design", "Soc", "-version", "4", "-envm_client", "BOOT:2048", "-snvm_client", "CFG:500:auth", "-o", "soc.jdc").ExitCode);
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-spm", "-die", "MPFS095T", "-debug_lock", "-o", "soc.spm").ExitCode);
        File.WriteAllText(Work("boot.hex"), ":0400000001020304F2\n:00000001FF\n");
        var key = new string('A', 64);
        var run = JobManager.Run(["-c",
            "new_project -location . -name P\n" +
            "new_prog_data -data_name SOC -import_file soc.jdc\n" +
            "set_envm_update -data_name SOC -client_name BOOT -file boot.hex\n" +
            "set_snvm_update -data_name SOC -client_name CFG -file boot.hex\n" +
            $"set_key -data_name SOC -uek1 {key}\n" +
            "set_security_overwrite -data_name SOC -file soc.spm\n" +
            "puts [dict get [report_prog_data -data_name SOC] keys]\n" +
            "close_project -save TRUE\n", "LOGFILE:run.log"], null);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        Assert.Contains("Device:           MPFS095T (PolarFire SoC, die MPFS095, IDCODE 0F8181CF)", run.Stdout);
        Assert.Contains("{UPK1 SPM} {UEK1 set_key} {UPK2 SPM} {UEK2 SPM} {DPK SPM}", run.Stdout);
        Assert.DoesNotContain(key, File.ReadAllText(Work("run.log")), StringComparison.Ordinal);
        Assert.Contains("set_key -data_name SOC -uek1 <secret>", File.ReadAllText(Work("run.log")));
    }

    [Fact]
    public void A_refused_command_leaves_the_project_as_it_was()
    {
        JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-envm_client", "IMEM:16", "-o", "top.jdc");
        File.WriteAllBytes(Work("big.bin"), new byte[17]);
        var run = JobManager.Run("-c",
            "new_project -location . -name P; new_prog_data -data_name PD -import_file top.jdc; close_project -save TRUE\n" +
            "open_project -project P/P.jprj\n" +
            "catch {set_envm_update -data_name PD -client_name IMEM -file big.bin} m; puts $m\n" +
            "catch {set_snvm_update -data_name PD -client_name IMEM -file big.bin} m; puts $m\n" +
            "close_project\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("beyond the 16-byte client 'IMEM'", run.Stdout);
        Assert.Contains("Info: Closed project 'P' (no changes).", run.Stdout);
    }

    [Fact]
    public void Jdcgen_help_usage_errors_and_refusals()
    {
        var help = JdcGenProgram.Run(Work(), "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("jdcgen -die <die> -design <name> -version <n> [options] -o <file.jdc>", help.Stdout);
        var usage = JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "x", "-o", "x.jdc");
        Assert.Equal((2, "jdcgen: -version is required.\n"), (usage.ExitCode, usage.Stderr));
        var unknown = JdcGenProgram.Run(Work(), "-die", "M2S011", "-design", "x", "-version", "1", "-o", "x.jdc");
        Assert.Equal((1, "jdcgen: Unknown device 'M2S011'. The closest valid names are M2S010, M2S010S, M2S010T.\n"), (unknown.ExitCode, unknown.Stderr));
        var wrong = JdcGenProgram.Run(Work(), "-die", "MPF300T", "-design", "x", "-version", "1", "-envm_client", "A:16", "-o", "x.jdc");
        Assert.Equal((1, "jdcgen: The design cannot be written as a JDC: it has eNVM clients, but MPF300 has no eNVM.\n"), (wrong.ExitCode, wrong.Stderr));
        Assert.False(File.Exists(Work("x.jdc")));
    }

    [Fact]
    public void Jdcgen_output_is_the_same_for_the_same_seed()
    {
        JdcGenProgram.Run(Work(), "-die", "M2GL010", "-design", "A", "-version", "1", "-seed", "7", "-o", "a.jdc");
        JdcGenProgram.Run(Work(), "-die", "M2GL010", "-design", "A", "-version", "1", "-seed", "7", "-o", "b.jdc");
        using var a = File.OpenRead(Work("a.jdc"));
        using var b = File.OpenRead(Work("b.jdc"));
        Assert.Equal(JdcFile.Read(a, "a").FabricSha256, JdcFile.Read(b, "b").FabricSha256);
    }
}
