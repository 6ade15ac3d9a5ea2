using System.Text;
using Spps.FpExpress.Projects;

namespace Spps.FpExpress.Tests;

/// <summary>
/// The production record on disk: appended device by device, a record of the first format carried on in today's, and
/// an entry a crash cut off reported and left out.
/// </summary>
public sealed class ProductionRecordTests : FpExpressTest
{
    private string Location => Folder.Combine("station", "line1");

    [Fact]
    public void Recording_a_device_appends_its_lines_and_leaves_what_was_recorded_before_untouched()
    {
        ProgramBoardOneOfAnHsmJob();
        var before = File.ReadAllBytes(ProductionLog.PathFor(Location, "Line1"));

        Program(new TestBoard(2, "M2S010"));

        var after = File.ReadAllBytes(ProductionLog.PathFor(Location, "Line1"));
        Assert.Equal(before, after[..before.Length]);
        var added = Encoding.UTF8.GetString(after[before.Length..]).Split('\n');
        Assert.Equal(["result", "coc", string.Empty], added.Select(line => line.Length == 0 ? line : line[2..line.IndexOf('"', 2)]));
        Assert.Equal([1, 2], ProductionRecord.Load(Location, "Line1", Warnings.Add).Results.Select(result => result.Board));
        Assert.Empty(Warnings);
    }

    [Fact]
    public void A_job_project_of_the_first_record_format_opens_and_its_record_goes_on_in_today_s_format()
    {
        UseLocalModule();
        var folder = Folder.Combine("old");
        Directory.CreateDirectory(folder);
        foreach (var name in FirstFormatProject.Files)
        {
            File.Copy(FirstFormatProject.File(name), Path.Combine(folder, name));
        }

        var project = Services.JobProjects.Open(Path.Combine(folder, "Line1.pro"), Folder.Path, Warnings.Add);
        var old = ProductionRecord.Load(folder, "Line1", Warnings.Add);
        Assert.Equal([(1, "PROGRAM"), (2, "PROGRAM"), (3, "DEVICE_INFO")], old.Results.Select(result => (result.Board, result.Action)));
        Assert.Equal(["010102030405060708090A0B0C0D0E0F", "020102030405060708090A0B0C0D0E0F"], old.Cocs.Select(coc => coc.Dsn));
        Assert.Equal("DEVICE_INFO", project.ActionOf(project.Job.Targets.Single()));

        Program(new TestBoard(4, "M2S010"));

        Assert.False(File.Exists(ProductionRecord.WholeFilePathFor(folder, "Line1")));
        var record = ProductionRecord.Load(folder, "Line1", Warnings.Add);
        Assert.Equal([.. old.Results, record.Results[^1]], record.Results);
        Assert.Equal((4, "DEVICE_INFO"), (record.Results[^1].Board, record.Results[^1].Action));
        Assert.Equal(old.Cocs.Select(coc => (coc.Dsn, Convert.ToBase64String(coc.Coc))), record.Cocs.Select(coc => (coc.Dsn, Convert.ToBase64String(coc.Coc))));
        Assert.StartsWith("{\"format\":\"spps-fpexpress-production\",\"schemaVersion\":2,", File.ReadAllText(ProductionLog.PathFor(folder, "Line1")), StringComparison.Ordinal);
        Assert.Empty(Warnings);
    }

    [Fact]
    public void An_entry_cut_off_by_a_crash_is_reported_and_cut_and_the_next_device_is_recorded_after_the_last_whole_entry()
    {
        ProgramBoardOneOfAnHsmJob();
        Services.JobProjects.Close(save: false);
        var path = ProductionLog.PathFor(Location, "Line1");
        var whole = File.ReadAllBytes(path);
        File.AppendAllText(path, "{\"result\":{\"board\":2,\"devi"); // the station stopped in the middle of an append

        Services.JobProjects.Open(Path.Combine(Location, "Line1.pro"), Folder.Path, Warnings.Add);
        Program(new TestBoard(3, "M2S010"));

        var warning = Assert.Single(Warnings);
        Assert.Equal($"The production record '{path}' ends with an entry cut off while it was written (26 bytes: the station stopped then). That entry is not " +
                     "in the record; the device it was for may have been programmed and its ticket spent (the job status counts it).", warning);
        Assert.Equal(whole, File.ReadAllBytes(path)[..whole.Length]);
        Assert.Equal([1, 3], ProductionRecord.Load(Location, "Line1", Warnings.Add).Results.Select(result => result.Board));
        Assert.Single(Warnings);
    }

    private void ProgramBoardOneOfAnHsmJob()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(), false, Folder.Path, Warnings.Add);
        Program(new TestBoard(1, "M2S010"));
    }

    private void Program(TestBoard board)
    {
        Services.Programmer.Connect(board);
        Assert.True(Services.ProductionRun.Run(Infos.Add, Warnings.Add).Single().Result.Passed);
    }
}
