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
        var end = Assert.Throws<DomainException>(() => Services.JobStatus.Complete(debugJob: false, null, terminate: true, Folder.Path, Infos.Add, Warnings.Add));

        Assert.Equal("Job 'Plain' has no HSM task: get_job_status reports and ends the tickets of an HSM job, and this job has none.", status.Message);
        Assert.Equal(["SPPS", "NOHSMJOB", "Plain"], end.ErrorCode);
        Assert.False(File.Exists(Folder.Combine("s.status")));
        Assert.Equal(before, Directory.EnumerateFiles(Location).Order());
        Assert.Null(ProductionRecord.Load(Location, "Plain", Warnings.Add).Completed);
    }

    [Fact]
    public void The_status_of_an_hsm_job_is_signed_by_its_m_hsm_with_the_devices_left_and_a_sequence_that_grows()
    {
        UseLocalModule();
        var project = Services.JobProjects.Create(Location, HsmJobForThisModule(maxDevices: 3), false, Folder.Path, Warnings.Add);
        var file = Folder.Combine("out", "s1.status");

        var first = Services.JobStatus.GetStatus(file, Folder.Path, Infos.Add, Warnings.Add);
        var second = Services.JobStatus.GetStatus(null, Folder.Path, Infos.Add, Warnings.Add);

        Assert.Equal(3, first.DevicesLeft);
        Assert.Equal((1L, 2L), (first.Report.Sequence, second.Report.Sequence));
        Assert.Equal(project.Job.RequestId, first.Report.RequestId);
        Assert.False(first.Report.Ended);
        Assert.Equal(first.Report.Container, File.ReadAllBytes(file));
        Assert.Equal(["T_PROG", "T_VER"], first.Report.Tickets.Select(ticket => ticket.TicketName).Order());
    }

    [Fact]
    public void The_job_is_not_completed_while_devices_remain_and_nothing_changes()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(maxDevices: 3), false, Folder.Path, Warnings.Add);
        var held = HeldTickets();

        var error = Assert.Throws<Spps.Hsm.HsmException>(() => Services.JobStatus.Complete(debugJob: false, Folder.Combine("end.status"), terminate: false, Folder.Path, Infos.Add, Warnings.Add));

        Assert.StartsWith("Cannot complete job 'Line1' (HSM task CM1): ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["SPPS", "HSM", "DEVICES_LEFT"], error.ErrorCode);
        Assert.False(File.Exists(Folder.Combine("end.status")));
        Assert.Equal(held, HeldTickets());
        Assert.Null(ProductionRecord.Load(Location, "Line1", Warnings.Add).Completed);
    }

    [Fact]
    public void A_terminated_job_leaves_the_m_hsm_with_its_end_certifier_kept_in_the_project_folder_and_ends_once()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(maxDevices: 3), false, Folder.Path, Warnings.Add);

        var end = Services.JobStatus.Complete(debugJob: false, null, terminate: true, Folder.Path, Infos.Add, Warnings.Add);

        Assert.True(end.Report.Ended);
        Assert.Equal(Path.Combine(Location, "Line1_end.status"), end.StatusFile);
        Assert.Equal(end.Report.Container, File.ReadAllBytes(end.StatusFile!));
        Assert.Empty(HeldTickets());
        Assert.Equal(new JobCompletion(ProductionRecord.Load(Location, "Line1", Warnings.Add).Completed!.Time, Terminated: true, end.StatusFile),
            ProductionRecord.Load(Location, "Line1", Warnings.Add).Completed);
        var again = Assert.Throws<DomainException>(() => Services.JobStatus.Complete(debugJob: false, null, terminate: true, Folder.Path, Infos.Add, Warnings.Add));
        Assert.Equal(["SPPS", "COMPLETED", "Line1"], again.ErrorCode);
    }

    [Fact]
    public void The_commands_print_each_ticket_s_counters_and_return_the_devices_left_and_the_status_file()
    {
        UseLocalModule();
        var job = HsmJobForThisModule(maxDevices: 3);
        var status = Folder.Combine("s.status");

        var result = Tcl($"create_job_project -job_project_location {{{Location}}} -job_file {{{job}}}; " +
                         $"list [get_job_status -job_status_file {{{status}}}] [complete_prog_job -job_status_file {{{status}}} -terminate TRUE]");

        Assert.Equal($"3 {status}", result);
    }

    [Fact]
    public void Without_an_open_job_project_the_commands_are_refused()
    {
        Assert.Equal(["SPPS", "NOPROJECT"], TclFails("get_job_status").ErrorCode);
        Assert.Equal("No job project is open. Use create_job_project or open_project first.", TclFails("complete_prog_job -terminate TRUE").Message);
    }
}
