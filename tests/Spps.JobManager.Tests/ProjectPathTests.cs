using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Design;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;

namespace Spps.JobManager.Tests;

/// <summary>A project file may only refer to copies inside its folder, and a copy is used only while it is the file that was imported.</summary>
public sealed class ProjectPathTests : JobTest
{
    public ProjectPathTests()
    {
        Data("PD", "M2S025");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        Workspace.Project!.Save();
    }

    private string ProjectFile => Workspace.Project!.FilePath;

    private string Copy => Service.Entry("PD").DesignFile;

    private string InProject(string relative) => Path.Combine(Workspace.Project!.Folder, relative);

    // The project closed, its file edited by hand, and opened again.
    private void EditProjectFile(string from, string to)
    {
        var file = ProjectFile;
        Workspace.CloseProject(save: true);
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
        Workspace.OpenProject(file, Folder.Path, _ => { });
    }

    private DomainException Refused(Action use, params string[] code)
    {
        var error = Assert.Throws<DomainException>(use);
        Assert.Equal(["SPPS", .. code], error.ErrorCode);
        return error;
    }

    private string OutsideJdc(string device = "M2S025")
    {
        var fabric = SeededBytes.Generate(9, "fabric", 3000);
        var (design, _) = DesignGenerator.Generate(new DesignRequest { Device = device, DesignVersion = 2, Fabric = fabric });
        var path = Folder.Combine("outside.jdc");
        File.WriteAllBytes(path, JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch));
        return path;
    }

    [Theory]
    [InlineData("../outside.jdc", "is not a plain path inside the project folder (it has an empty, '.' or '..' step)")]
    [InlineData("data/PD/../../../outside.jdc", "is not a plain path inside the project folder (it has an empty, '.' or '..' step)")]
    [InlineData("/tmp/outside.jdc", "is not a path relative to the project folder")]
    [InlineData("data\\\\PD\\\\design.jdc", "is not a path relative to the project folder")]
    [InlineData("data/PD/outside.jdc", "does not name a copy made by the Job Manager (<name>-<16 hex digits of its SHA-256>.<extension>)")]
    public void A_design_file_outside_the_project_or_not_imported_is_refused_naming_the_file_field_and_path(string path, string problem)
    {
        OutsideJdc();
        EditProjectFile($"\"designFile\": \"{Copy}\"", $"\"designFile\": \"{path}\"");
        var error = Refused(() => Service.Effective("PD"), "CORRUPT", ProjectFile);
        Assert.Equal(
            $"The project file '{ProjectFile}' is not a valid Job Manager project: section 'programmingData': Programming Data 'PD': designFile '{path.Replace("\\\\", "\\", StringComparison.Ordinal)}' {problem}.",
            error.Message);
    }

    [Fact]
    public void A_stapl_copy_of_a_job_outside_the_project_is_refused()
    {
        Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        Jobs.AddTarget("J", "EXT", 1, null, null, null, Stapl("M2S010"), Folder.Path);
        EditProjectFile($"\"programmingFile\": \"{Jobs.Job("J").Find("EXT")!.ProgrammingFile}\"", "\"programmingFile\": \"../../ext.stp\"");
        var error = Refused(() => Jobs.Job("J"), "CORRUPT", ProjectFile);
        Assert.EndsWith("section 'jobs': job 'J': programmingFile '../../ext.stp' of 'EXT' is not a plain path inside the project folder (it has an empty, '.' or '..' step).", error.Message);
    }

    [SkippableFact]
    public void A_copy_that_is_a_link_leading_outside_the_project_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "Creating symbolic links needs a privilege on Windows.");
        var copy = Copy;
        var outside = Folder.Combine("linked.jdc");
        File.Move(InProject(copy), outside); // the same content, so only the link is wrong
        File.CreateSymbolicLink(InProject(copy), outside);
        var error = Refused(() => Bitstreams.ExportBitstream("PD", "M", ["DAT"], "out/m", null, Folder.Path, _ => { }, _ => { }), "CORRUPT", ProjectFile);
        Assert.EndsWith($"the path '{copy}' of the design file of Programming Data 'PD' leads outside the project folder through the link '{InProject(copy)}'.", error.Message);
    }

    [Fact]
    public void A_swapped_jdc_of_another_die_is_refused_when_it_is_used()
    {
        File.Copy(OutsideJdc("M2S010"), InProject(Copy), overwrite: true);
        var error = Refused(() => Bitstreams.ExportBitstream("PD", "M", ["DAT"], "out/m", null, Folder.Path, _ => { }, _ => { }), "CHANGED", InProject(Copy));
        Assert.StartsWith($"The project's copy '{Copy}' of the design file of Programming Data 'PD' has changed since it was imported: the SHA-256 of its content begins ", error.Message);
        Assert.EndsWith($"as its name records; put the imported file back, or import the JDC again as new Programming Data.", error.Message);
        Assert.False(Directory.Exists(Folder.Combine("out")));
    }

    [Fact]
    public void A_copy_of_another_die_under_its_own_hash_is_refused_for_its_die()
    {
        // A consistent copy (its name carries its hash) of another die's JDC: only the die tells it from the right one.
        var bytes = File.ReadAllBytes(OutsideJdc("M2S010"));
        var other = $"design-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.jdc";
        File.WriteAllBytes(InProject("data/PD/" + other), bytes);
        EditProjectFile($"\"designFile\": \"{Copy}\"", $"\"designFile\": \"data/PD/{other}\"");
        var error = Refused(() => Service.Effective("PD"), "CORRUPT", ProjectFile);
        Assert.EndsWith($"the design file 'data/PD/{other}' of Programming Data 'PD' is for M2S010, but the Programming Data targets M2S025.", error.Message);
    }

    public static TheoryData<string> SwappedCopies => ["SPM", "eNVM update", "STAPL of a job"];

    [Theory]
    [MemberData(nameof(SwappedCopies))]
    public void Every_other_copied_input_is_checked_against_its_hash_when_it_is_used(string input)
    {
        string copy;
        Action use;
        switch (input)
        {
            case "SPM":
                File.WriteAllBytes(Folder.Combine("a.spm"), SpmFile.ToBytes(new SecurityOverwrite("M2S025", new SecurityPolicy(), new Dictionary<string, byte[]>()), "t", DateTimeOffset.UnixEpoch));
                Service.SetSecurityOverwrite("PD", "a.spm", Folder.Path);
                copy = Service.Entry("PD").SecurityOverwriteFile!;
                use = () => Service.Effective("PD");
                break;
            case "eNVM update":
                File.WriteAllText(Folder.Combine("a.hex"), ":0400000001020304F2\n:00000001FF\n");
                Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "a.hex", overwrite: false, Folder.Path);
                copy = Service.Entry("PD").EnvmUpdates["IMEM"].File;
                use = () => Service.Effective("PD");
                break;
            default:
                Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
                Jobs.AddTarget("J", "EXT", 1, null, null, null, Stapl("M2S010"), Folder.Path);
                copy = Jobs.Job("J").Find("EXT")!.ProgrammingFile!;
                use = () => Jobs.Export("J", "out", "board", Folder.Path, _ => { }, _ => { });
                break;
        }

        File.AppendAllText(InProject(copy), "\n");
        var error = Refused(use, "CHANGED", InProject(copy));
        Assert.StartsWith($"The project's copy '{copy}' of ", error.Message);
        Assert.Contains(" has changed since it was imported: the SHA-256 of its content begins ", error.Message);
    }
}
