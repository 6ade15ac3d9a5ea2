using System.Text;
using Spps.Formats.Files;
using Spps.Formats.Jobs;
using Spps.JobManager.Application;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;

namespace Spps.JobManager.Tests;

/// <summary>
/// Every time an export writes comes from the clock the services are given: the STAPL DATE and TIME notes and a job's
/// date line follow it (in its local zone), and under <c>SOURCE_DATE_EPOCH</c> the same inputs give the same bytes.
/// </summary>
public sealed class OutputTimeTests : JobTest
{
    private const string SourceDateEpoch = "1700000000"; // 2023-11-14 22:13:20 UTC

    [Fact]
    public void The_stapl_notes_and_the_job_date_are_the_clocks_local_time_and_follow_it()
    {
        Data("PD", "M2S010");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        Target("J", "FPGA", 1);

        // 07:08:09 UTC is 10:25:09 in the clock's zone (UTC+03:17); the milliseconds are dropped.
        Clock.Now = new DateTimeOffset(2026, 5, 6, 7, 8, 9, 900, TimeSpan.Zero);
        AssertStaplTime("2026/05/06", "10:25:09");
        Assert.Equal(new DateTime(2026, 5, 6, 10, 25, 9), JobHeader().Created);

        Clock.Now = Clock.Now.AddHours(17);
        AssertStaplTime("2026/05/07", "03:25:09");
        Assert.Equal(new DateTime(2026, 5, 7, 3, 25, 9), JobHeader().Created);
    }

    [Fact]
    public void Under_source_date_epoch_the_bitstream_files_of_two_projects_are_byte_identical_in_both_flows()
    {
        CreateKeyset();
        var first = ExportAll("first", "A", "out1");
        var second = ExportAll("second", "B", "out2");

        Assert.Equal(["hsm_update.dat", "hsm_update.spi", "hsm_update.stp", "master.dat", "master.spi", "master.stp"], first.Keys.Where(name => !name.EndsWith(".job", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var name in first.Keys.Where(name => !name.EndsWith(".job", StringComparison.Ordinal)))
        {
            Assert.True(first[name].SequenceEqual(second[name]), $"{name} differs between the projects");
        }

        var stapl = Encoding.Latin1.GetString(first["master.stp"]);
        Assert.Contains("NOTE \"DATE\" \"2023/11/14\";", stapl, StringComparison.Ordinal);
        Assert.Contains("NOTE \"TIME\" \"22:13:20\";", stapl, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_source_date_epoch_a_job_exported_again_by_a_new_project_at_the_same_place_is_byte_identical()
    {
        CreateKeyset();
        var first = ExportAll("again", "R", "out1");
        Directory.Delete(Folder.Combine("again", "R"), recursive: true);
        var second = ExportAll("again", "R", "out2");

        Assert.True(first["board.job"].SequenceEqual(second["board.job"]), "the two jobs differ");
        using var job = new MemoryStream(first["board.job"]);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20), JobContainerFile.Read(job, "board.job").Header.Created);
    }

    private void AssertStaplTime(string date, string time)
    {
        var text = File.ReadAllText(Bitstreams.ExportBitstream("PD", "M", ["STAPL"], "out/m", null, Folder.Path, _ => { }, _ => { })[0], Encoding.Latin1);
        Assert.Contains($"NOTE \"DATE\" \"{date}\";", text, StringComparison.Ordinal);
        Assert.Contains($"NOTE \"TIME\" \"{time}\";", text, StringComparison.Ordinal);
    }

    private JobContainerHeader JobHeader()
    {
        var path = Jobs.Export("J", "out", "board", Folder.Path, _ => { }, _ => { });
        using var stream = File.OpenRead(path);
        return JobContainerFile.Read(stream, path).Header;
    }

    /// <summary>
    /// A project of its own, with services whose clock is the one <c>SOURCE_DATE_EPOCH</c> gives, exporting a non-HSM
    /// MASTER bitstream (files and job) and an HSM-flow update bitstream sealed under keyset "ks"; returns the files.
    /// </summary>
    private Dictionary<string, byte[]> ExportAll(string location, string name, string output)
    {
        var clock = OutputClock.For(SourceDateEpoch);
        using var workspace = new ProjectContext();
        var services = new JobManagerServices(workspace, Folder.Combine("home"), clock);
        var (data, bitstreams, jobs) = (services.ProgrammingData, services.Bitstreams, services.Jobs);
        workspace.NewProject(location, name, Folder.Path, _ => { });
        data.NewProgData("PD", DesignFile("PD", "M2S010"), null, Folder.Path, _ => { });
        data.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        data.NewProgData("HD", DesignFile("HD", "M2S010"), "ks", Folder.Path, _ => { });
        data.InitBitstream("HD", new BitstreamRequest { Name = "U", Type = "UEK1", Features = ["FABRIC"] });
        var outputs = bitstreams.ExportBitstream("PD", "M", ["STAPL", "DAT", "SPI"], Path.Combine(output, "master"), null, Folder.Path, _ => { }, _ => { })
            .Concat(bitstreams.ExportBitstream("HD", "U", ["STAPL", "DAT", "SPI"], Path.Combine(output, "hsm_update"), null, Folder.Path, _ => { }, _ => { }))
            .ToList();
        jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        jobs.AddTarget("J", "FPGA", 1, "PD", "M", null, null, Folder.Path);
        outputs.Add(jobs.Export("J", output, "board", Folder.Path, _ => { }, _ => { }));
        workspace.CloseProject(save: true);
        return outputs.ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes, StringComparer.Ordinal);
    }
}
