using System.Runtime.CompilerServices;

namespace Spps.EndToEnd.Tests;

/// <summary>The examples are the README's main job: they must run, from any folder, again and again.</summary>
public sealed class ExampleTests : EndToEndTest
{
    [Fact]
    public void The_first_project_example_runs_twice_with_jdcgen_inputs_and_the_embedded_hsm_and_shows_each_error_kind()
    {
        var script = Example("first_project.tcl");
        JobManager.Environment["JDCGEN"] = JdcGenProgram.TclCommand;
        var first = JobManager.Run(script, Work("out"));
        Assert.Equal(0, first.ExitCode);
        Assert.Empty(first.Stderr);
        foreach (var code in new[] { "SPPS MISSING name", "SPPS PROJECTOPEN", "SPPS BADVALUE -save maybe", "SPPS FAMILY M2S010", "SPPS EXISTS", "SPPS BADKEY -uek2", "SPPS DATAEXISTS Board", "SPPS HSMJOBONLY Initiator" })
        {
            Assert.Contains(code, first.Stdout);
        }

        Assert.True(File.Exists(Work("out", "FirstProject", "FirstProject.jprj")));
        Assert.Equal(["imported.ks", "production.ks", "rotated.ks"], Directory.GetFiles(Work("out", "keysets")).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Folder.Combine("home", "hsm", "hsm.db")), "the embedded HSM is created on first use");
        Assert.Contains("Keys:             UPK1 (SPM), UEK1 (SPM), UPK2 (SPM), UEK2 (set_key), DPK (SPM)", first.Stdout);
        Assert.Contains("Flow:             HSM, keyset 'production.ks'", first.Stdout);
        string[] board = [.. new[] { "Factory", "Initiator", "Rotation_rotate_1_uks2", "Update" }.SelectMany(name => new[] { ".dat", ".spi", ".stp" }.Select(ext => $"board_{name}{ext}"))];
        Assert.Equal(["board.spidir", .. board, "soc_0123456789ABCDEF.stp"], Directory.GetFiles(Work("out", "bitstreams")).Select(Path.GetFileName).Order());
        var again = JobManager.Run(script, Work("out"));
        Assert.Equal(0, again.ExitCode);
    }

    private static string Example(string name, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "examples", name));
}
