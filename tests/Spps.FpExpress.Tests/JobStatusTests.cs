using Spps.Devices;
using Spps.FpExpress.Projects;

namespace Spps.FpExpress.Tests;

/// <summary>get_job_status and complete_prog_job on the open job project: what the M-HSM signs about the job's tickets, and the job's end.</summary>
public sealed class JobStatusTests : FpExpressTest
{
    private string Location => Folder.Combine("station", "line1");

    [Fact]
    public void A_job_without_an_hsm_task_has_no_status_nor_end_and_nothing_is_written()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, Oe.PlainJob("Plain", "M2S010"), false, Folder.Path, Warnings.Add);
        var before = Directory.EnumerateFiles(Location).Order().ToList();

        var status = Assert.Throws<DomainException>(() => Services.JobStatus.GetStatus("s.status", Folder.Path, Infos.Add, Warnings.Add));
        var end = Assert.Throws<DomainException>(() => Services.JobStatus.Complete(null, terminate: true, Folder.Path, Infos.Add, Warnings.Add));

        Assert.Equal("Job 'Plain' has no HSM task: get_job_status reports and ends the tickets of an HSM job, and this job has none.", status.Message);
        Assert.Equal(["SPPS", "NOHSMJOB", "Plain"], end.ErrorCode);
        Assert.False(File.Exists(Folder.Combine("s.status")));
        Assert.Equal(before, Directory.EnumerateFiles(Location).Order());
        Assert.Null(ProductionRecord.Load(Location, "Plain").Completed);
    }

    [Fact]
    public void Without_an_open_job_project_the_commands_are_refused()
    {
        Assert.Equal(["SPPS", "NOPROJECT"], TclFails("get_job_status").ErrorCode);
        Assert.Equal("No job project is open. Use create_job_project or open_project first.", TclFails("complete_prog_job -terminate TRUE").Message);
    }
}
