using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Files;
using Spps.Formats.Jobs;
using Spps.Formats.Stapl;
using Spps.Hsm;
using Spps.Hsm.Crypto;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Roles;
using Spps.JobManager.HsmTasks;
using Spps.Testing;

namespace Spps.JobManager.Tests;

/// <summary>
/// <c>export_hsmtask</c> of an EXTERNAL task bound to M-HSM A: the job's ticketed targets carry their tickets and
/// secrets sealed to A, which A opens and M-HSM B — though it processed the same request — cannot; targets without
/// tickets are generated as export_prog_job does; no key of the keyset, nor the task's KIP, is in the job, the
/// project, the request, the reply or the messages.
/// </summary>
public sealed class HsmJobExportTests : HsmTaskTest
{
    private readonly List<string> _messages = [];

    private readonly HsmModule _cmA;
    private readonly HsmModule _cmB;

    private byte[] _replyOfB = [];

    public HsmJobExportTests()
    {
        _cmA = HsmModule.Create(Folder.Combine("cm_a"));
        _cmB = HsmModule.Create(Folder.Combine("cm_b"));
    }

    private string RequestFile => Path.Combine(Folder.Path, "t.req");

    private string ReplyFile => Path.Combine(Folder.Path, "t.rep");

    // Task T with tickets on the AUTH_CODE Initiator, the UNIQUE_KEY Initiator and the UEK1 update; its request
    // processed by A (whose reply is imported) and by B.
    private void BindToA()
    {
        Tasks.AddTask("J", "T", HsmTask.External);
        Ticket("P");
        Ticket("V", action: "VERIFY");
        Ticket("U", device: "UNIQUE");
        Ticket("D", device: "UPDATE", max: "unlimited");
        Services.Handshake.ExportRequest("J", "T", RequestFile, Folder.Path, _messages.Add, _messages.Add);
        var request = File.ReadAllBytes(RequestFile);
        File.WriteAllBytes(ReplyFile, _cmA.ManufacturerRole().ProcessJobRequest(request).ReplyContainer);
        _replyOfB = _cmB.ManufacturerRole().ProcessJobRequest(request).ReplyContainer;
        Services.Handshake.ImportReply("J", "T", ReplyFile, Folder.Path, _messages.Add);
    }

    private string Export() => Services.HsmJobs.Export("J", "T", Folder.Path, "cm", Folder.Path, _messages.Add, _messages.Add);

    private static JobContainerFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JobContainerFile.Read(stream, path);
    }

    [Fact]
    public void The_job_s_secrets_open_on_the_bound_m_hsm_only()
    {
        BindToA();
        var path = Export();

        var job = Read(path);
        var description = JobDescriptionXml.Read(job.Member(JobMemberEntry.JobDescriptionName, null)!.Content, path);
        Assert.Equal(("J", "T"), (description.JobName, description.HsmTaskName));
        var ticketed = description.Devices.Where(device => device.TicketData is not null).ToDictionary(device => device.DeviceName);
        Assert.Equal(["FPGA", "UNIQUE", "UPDATE"], ticketed.Keys);
        var task = Task();
        Assert.Equal((HsmTaskState.Exported, "cm.job"), (task.State, task.ExportedFile));
        Assert.All(ticketed.Values, device => Assert.Equal((task.RequestId, task.MHsmUuid), (device.TicketData!.RequestId, device.TicketData.MHsmUuid)));
        Assert.Equal([("P", "PROGRAM", (long?)100), ("V", "VERIFY", 100)], ticketed["FPGA"].TicketData!.Tickets.Select(ticket => (ticket.Name, ticket.Action, ticket.MaxDevices)));
        Assert.Equal([("D", "PROGRAM", (long?)null)], ticketed["UPDATE"].TicketData!.Tickets.Select(ticket => (ticket.Name, ticket.Action, ticket.MaxDevices)));

        var keys = KeysetKeys();
        using (var initiator = Open(_cmA, ticketed["FPGA"]))
        {
            Assert.Equal(("MASTER", "AUTH_CODE"), (initiator.Text(TaskSecrets.Type), initiator.Text(TaskSecrets.Protocol)));
            Assert.Equal(keys["UEK1"], initiator.Value("UEK1"));
            var stapl = StaplImage.From(Formats.Stapl.StaplFile.Read(job.Member("FPGA_1.stp", JobMemberEntry.ProgrammingFile)!.Content, "FPGA_1.stp"), "FPGA_1.stp");
            var fabric = BitstreamFormat.Read(stapl.Datastream).Components.Single(component => component.Type == ComponentType.Fabric);
            Assert.Equal(KeyMode.Kip, fabric.Mode);
            Assert.NotEmpty(BitstreamFormat.Open(stapl.Datastream, fabric.Offset, initiator.Value(TaskSecrets.Kip)!));
            Assert.DoesNotContain(BitstreamFormat.Read(stapl.Datastream).Components, component => component.Type == ComponentType.Keys);
        }

        using (var unique = Open(_cmA, ticketed["UNIQUE"]))
        {
            Assert.Equal(keys["UEK1_BASE"], unique.Value("UEK1_BASE"));
            Assert.Null(unique.Value("UEK1"));
        }

        using (var update = Open(_cmA, ticketed["UPDATE"]))
        {
            Assert.Equal(keys["UEK1"], update.Value("UEK1"));
        }

        foreach (var device in ticketed.Values)
        {
            Assert.Equal("NOT_BOUND_HERE", Assert.Throws<HsmException>(() => Open(_cmB, device)).Code);
        }
    }

    [Fact]
    public void No_key_is_in_the_job_the_project_the_request_the_reply_or_the_messages()
    {
        BindToA();
        var path = Export();
        var description = JobDescriptionXml.Read(Read(path).Member(JobMemberEntry.JobDescriptionName, null)!.Content, path);
        var secrets = new List<byte[]>(KeysetKeys().Values);
        foreach (var device in description.Devices.Where(device => device.TicketData is not null))
        {
            using var opened = Open(_cmA, device);
            secrets.Add(opened.Value(TaskSecrets.Kip)!);
        }

        var files = new[] { path, RequestFile, ReplyFile }.Concat(Directory.EnumerateFiles(Workspace.Project!.Folder, "*", SearchOption.AllDirectories)
            .Where(file => !file.EndsWith(".guard", StringComparison.Ordinal))).ToList(); // the open project's lock file, empty and held
        foreach (var key in secrets)
        {
            files.ForEach(file => SecretScan.AssertAbsent(key, file));
            SecretScan.AssertAbsentFromText(key, string.Join("\n", _messages), "the messages");
        }
    }

    [Fact]
    public void A_reply_copy_replaced_in_the_project_by_another_m_hsm_s_genuine_reply_is_refused_and_nothing_is_written()
    {
        BindToA();
        var replyCopy = Path.Combine(Workspace.Project!.Folder, Task().ReplyFile!);
        File.WriteAllBytes(replyCopy, _replyOfB); // B answered the same request: a genuine reply of the world, but the task is bound to A
        var error = Assert.Throws<DomainException>(() => Export());
        Assert.Contains("has changed since it was imported", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Folder.Path, "cm.job")));
        Assert.Equal(HsmTaskState.ReplyBound, Task().State);
    }

    [Fact]
    public void A_dsn_on_a_unique_key_update_target_seals_only_that_device_s_key()
    {
        const string dsn = "00112233445566778899AABBCCDDEEFF";
        Service.InitBitstream("HD", new ProgrammingData.BitstreamRequest { Name = "UU", Type = "UEK1", Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1"] });
        Jobs.NewJob("K", JobManager.Jobs.ProgrammingJob.FlashProExpress, JobManager.Jobs.ProgrammingJob.JtagChain);
        Target("K", "DEV", 1, "HD", "UU", dsn);
        Tasks.AddTask("K", "T", HsmTask.External);
        Ticket("P", device: "DEV", job: "K");
        Services.Handshake.ExportRequest("K", "T", RequestFile, Folder.Path, _messages.Add, _messages.Add);
        File.WriteAllBytes(ReplyFile, _cmA.ManufacturerRole().ProcessJobRequest(File.ReadAllBytes(RequestFile)).ReplyContainer);
        Services.Handshake.ImportReply("K", "T", ReplyFile, Folder.Path, _messages.Add);

        var path = Services.HsmJobs.Export("K", "T", Folder.Path, "dev", Folder.Path, _messages.Add, _messages.Add);
        var device = Assert.Single(JobDescriptionXml.Read(Read(path).Member(JobMemberEntry.JobDescriptionName, null)!.Content, path).Devices);
        using var secrets = Open(_cmA, device);
        var expected = new byte[32];
        DeviceKeyDerivation.Derive(KeysetKeys()["UEK1_BASE"], "UEK1", Convert.FromHexString(dsn), expected);
        Assert.Equal(["KIP", "TYPE", "PROTOCOL", "UEK1@" + dsn], secrets.Names);
        Assert.Equal(expected, secrets.Value("UEK1@" + dsn));
    }

    [Fact]
    public void An_internal_task_runs_its_request_on_the_module_s_own_m_hsm_once_and_its_job_opens_there()
    {
        var own = HsmModule.Open(Services.Connector.EmbeddedStoreFolder);
        NameOwnMHsm(own.Identity.MHsmUuid);
        Reach(HsmTask.Internal, HsmTaskState.HasTickets);
        Ticket("U", device: "UNIQUE");
        Ticket("D", device: "UPDATE", max: "unlimited");

        var path = Export();

        var task = Task();
        Assert.Equal((HsmTaskState.Exported, own.Identity.MHsmUuid), (task.State, task.MHsmUuid));
        var held = own.ManufacturerRole().ListTickets();
        Assert.Equal(task.Tickets.Select(ticket => (ticket.TicketId, task.RequestId!)).Order(), held.Select(ticket => (ticket.TicketId, ticket.RequestId)).Order());
        var description = JobDescriptionXml.Read(Read(path).Member(JobMemberEntry.JobDescriptionName, null)!.Content, path);
        var initiator = description.Devices.Single(device => device.DeviceName == "FPGA");
        using (var secrets = Open(own, initiator))
        {
            Assert.Equal(KeysetKeys()["UEK1"], secrets.Value("UEK1"));
        }

        Assert.Throws<HsmException>(() => Open(_cmA, initiator));

        // A second export uses the same request and reply: the module's tickets, and their counters, are made once.
        Export();
        Assert.Equal(task.RequestId, Task().RequestId);
        Assert.Equal(3, own.ManufacturerRole().ListTickets().Count);
    }

    [Fact]
    public void An_internal_task_is_refused_when_the_settings_name_another_m_hsm_and_changes_nothing()
    {
        NameOwnMHsm(MHsmUuid);
        Reach(HsmTask.Internal, HsmTaskState.HasTickets);
        var own = HsmModule.Open(Services.Connector.EmbeddedStoreFolder);

        var error = Assert.Throws<DomainException>(() => Export());

        Assert.Contains(MHsmUuid, error.Message, StringComparison.Ordinal);
        Assert.Equal((HsmTaskState.HasTickets, null), (Task().State, Task().RequestId));
        Assert.Empty(own.ManufacturerRole().ListTickets());
        Assert.False(File.Exists(Path.Combine(Folder.Path, "cm.job")));
    }

    [Fact]
    public void An_internal_task_s_export_cancelled_before_it_began_runs_no_handshake_and_changes_nothing()
    {
        var own = HsmModule.Open(Services.Connector.EmbeddedStoreFolder);
        NameOwnMHsm(own.Identity.MHsmUuid);
        Reach(HsmTask.Internal, HsmTaskState.HasTickets);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Services.HsmJobs.Export("J", "T", Folder.Path, "cm", Folder.Path, _messages.Add, _messages.Add, new CancellationToken(canceled: true)));

        Assert.Equal((HsmTaskState.HasTickets, null), (Task().State, Task().RequestId));
        Assert.Empty(own.ManufacturerRole().ListTickets());
        Assert.False(File.Exists(Path.Combine(Folder.Path, "cm.job")));
    }

    // The settings' m_hsm_uuid: INTERNAL tasks run only on the module it names.
    private void NameOwnMHsm(string mHsmUuid) =>
        Services.Application.SetHsmParameters("local", UHsmUuid, MasterUuid, "keys", mHsmUuid, Folder.Path);
}
