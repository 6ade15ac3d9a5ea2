using Spps.Devices;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;

namespace Spps.JobManager.Tests;

/// <summary>
/// Exports report their steps in order and stop at the next step, or the next chunk of the file being written, once
/// cancelled: nothing is written and the project is as it was.
/// </summary>
public sealed class CancelledExportTests : JobTest
{
    public CancelledExportTests()
    {
        Data("PD", "M2S025");
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = new('5', 64) });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "U", Type = "UEK1", Features = ["FABRIC"] });
        Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        Target("J", "A", 1, bitstream: "U");
        Target("J", "B", 2, bitstream: "U");
    }

    [Fact]
    public void A_job_export_reports_each_target_and_then_the_writing_of_the_container()
    {
        var steps = new RecordingProgress();
        Jobs.Export("J", "out", "board", Folder.Path, Warnings.Add, _ => { }, CancellationToken.None, steps);
        Assert.Equal(
        [
            new WorkStep("Exporting job 'J'", "target 'A'", 0, 3),
            new WorkStep("Exporting job 'J'", "target 'B'", 1, 3),
            new WorkStep("Exporting job 'J'", "writing 'board.job'", 2, 3),
        ], steps.Steps);
    }

    [Theory]
    [InlineData("target 'B'")]
    [InlineData("writing 'board.job'")]
    public void A_job_export_cancelled_at_a_step_writes_nothing_and_leaves_the_project_as_it_was(string cancelledAt)
    {
        var modified = Workspace.Project!.IsModified;
        using var user = new CancellationTokenSource();
        var steps = new RecordingProgress(step => { if (step.Item == cancelledAt) { user.Cancel(); } });

        Assert.ThrowsAny<OperationCanceledException>(() => Jobs.Export("J", "out", "board", Folder.Path, Warnings.Add, _ => { }, user.Token, steps));
        Assert.False(Directory.Exists(Folder.Combine("out")) && Directory.EnumerateFileSystemEntries(Folder.Combine("out")).Any(), "the cancelled export left files");
        Assert.Equal(modified, Workspace.Project!.IsModified);
    }

    [Fact]
    public void A_bitstream_export_cancelled_while_its_second_file_is_written_leaves_neither_file()
    {
        using var user = new CancellationTokenSource();
        var steps = new RecordingProgress(step => { if (step.Item == "writing 'u.dat'") { user.Cancel(); } });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Bitstreams.ExportBitstream("PD", "U", ["STAPL", "DAT"], "out/u", null, Folder.Path, _ => { }, _ => { }, user.Token, steps));
        Assert.Equal(["generating the bitstream", "writing 'u.stp'", "writing 'u.dat'"], steps.Steps.Select(step => step.Item));
        Assert.False(Directory.Exists(Folder.Combine("out")) && Directory.EnumerateFileSystemEntries(Folder.Combine("out")).Any(), "the cancelled export left files");
    }
}
