using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Jobs;
using Spps.Formats.Production;
using Spps.Formats.Stapl;
using Spps.Hsm;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Roles;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.ProgrammingData;
using Spps.Testing;

namespace Spps.JobManager.Tests;

/// <summary>
/// <c>import_job_status</c> of a task bound to M-HSM A, whose job's Initiator generates CoCs: what export_hsmtask
/// records, an interim and an end status imported with their devices' verdicts, and each refusal — damaged, another
/// M-HSM's, another project's, another task's, older, a count going down, a task not exported — leaving the project
/// as it was. Then the HTML report of the task.
/// </summary>
public sealed class JobStatusImportTests : HsmTaskTest
{
    private readonly List<string> _messages = [];
    private readonly HsmModule _cmA;
    private readonly HsmModule _cmB;

    public JobStatusImportTests()
    {
        _cmA = HsmModule.Create(Folder.Combine("cm_a"));
        _cmB = HsmModule.Create(Folder.Combine("cm_b"));
        Service.InitBitstream("HD", new BitstreamRequest { Name = "MC", Type = "MASTER", Protocol = "AUTH_CODE", GenerateCoc = true });
        Jobs.NewJob("JC", Jobs.Job("J").Type, Jobs.Job("J").Setup);
        Target("JC", "FPGA", 1, "HD", "MC");
    }

    private HsmTask CocTask => Tasks.Find("JC", "T").Task;

    private string StatusFile(string name) => Folder.Combine(name + ".status");

    // Task T of job JC: PROGRAM (at most 3) and VERIFY (unlimited) on FPGA; its request processed by A (bound) and B; exported.
    private (HsmTicket Program, HsmTicket Verify) Exported()
    {
        Tasks.AddTask("JC", "T", HsmTask.External);
        var program = Ticket("P", max: "3", job: "JC");
        var verify = Ticket("V", action: "VERIFY", max: "unlimited", job: "JC");
        var requestFile = Folder.Combine("t.req");
        Services.Handshake.ExportRequest("JC", "T", requestFile, Folder.Path, _messages.Add, _messages.Add);
        var request = File.ReadAllBytes(requestFile);
        File.WriteAllBytes(Folder.Combine("t.rep"), _cmA.ManufacturerRole().ProcessJobRequest(request).ReplyContainer);
        _cmB.ManufacturerRole().ProcessJobRequest(request);
        Services.Handshake.ImportReply("JC", "T", Folder.Combine("t.rep"), Folder.Path, _messages.Add);
        Services.HsmJobs.Export("JC", "T", Folder.Path, "cm", Folder.Path, _messages.Add, _messages.Add);
        return (program, verify);
    }

    private static Dsn NewDsn() => Dsn.FromBytes(RandomNumberGenerator.GetBytes(16));

    private Dsn Programmed(HsmTicket ticket, HsmModule? module = null)
    {
        var dsn = NewDsn();
        (module ?? _cmA).Store.SpendTicket(ticket.TicketId, dsn.ToString(), Challenges.NewNonce(), DateTimeOffset.UtcNow);
        return dsn;
    }

    // What the device makes after the PROGRAM: its CoC key from the task's KIP for the target, the exported bitstream's digests.
    private byte[] Coc(Dsn dsn, IReadOnlyList<byte[]>? digests = null)
    {
        var module = HsmModule.Open(Services.Connector.EmbeddedStoreFolder);
        var master = module.Store.ReadSecret(HsmModule.MasterKey);
        using var keyset = OpenedKeyset.Open(Services.KeysetRepository.Read("ks", "keyset_file").Keyset, master, module.Identity.UMasterHsmUuid);
        var kip = HsmJobSealer.TaskKip(keyset, CocTask.RequestId!, "FPGA");
        var exported = digests ?? [.. CocTask.ExportedTargets.Single().ComponentDigests.Select(Convert.FromHexString)];
        return CertificateOfConformance.Compute(CertificateOfConformance.DeriveKey(kip, dsn.ToArray()), dsn, 1, exported).ToBytes();
    }

    private string Status(string name, IReadOnlyList<byte[]> cocs, HsmModule? module = null)
    {
        File.WriteAllBytes(StatusFile(name), (module ?? _cmA).ManufacturerRole().MakeJobStatus(CocTask.RequestId!, cocs).Container);
        return StatusFile(name);
    }

    private ImportedJobStatus Import(string file) => Services.JobStatuses.Import(file, Folder.Path, _messages.Add);

    // A refusal changes neither the project nor the files in its folder.
    private T Refused<T>(Action import) where T : DomainException
    {
        var before = ProjectState();
        var error = Assert.Throws<T>(import);
        Assert.Equal(before, ProjectState());
        return error;
    }

    private string ProjectState() => System.Text.Json.JsonSerializer.Serialize(Workspace.Project!.Read<Jobs.JobsSection>()) + "\n" +
        string.Join("\n", Directory.GetFiles(Workspace.Project!.Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));

    [Fact]
    public void Export_records_each_ticketed_target_s_component_digests_as_the_job_s_bitstream_has_them()
    {
        Exported();
        var target = Assert.Single(CocTask.ExportedTargets);
        Assert.Equal(("FPGA", true), (target.Name, target.GenerateCoc));

        using var stream = File.OpenRead(Folder.Combine("cm.job"));
        var job = JobContainerFile.Read(stream, "cm.job");
        var stapl = StaplImage.From(Formats.Stapl.StaplFile.Read(job.Member("FPGA_1.stp", JobMemberEntry.ProgrammingFile)!.Content, "FPGA_1.stp"), "FPGA_1.stp");
        var components = BitstreamFormat.Read(stapl.Datastream).Components;
        Assert.Equal([.. components.Select(component => Convert.ToHexStringLower(SHA256.HashData(stapl.Datastream.AsSpan(component.Offset, component.Length))))], target.ComponentDigests);
    }

    [Fact]
    public void A_status_import_reports_its_three_parts_and_cancelled_after_the_verification_records_nothing()
    {
        var (program, _) = Exported();
        var file = Status("first", [Coc(Programmed(program))]);
        using var user = new CancellationTokenSource();
        var progress = new RecordingProgress(step => { if (step.Item.StartsWith("its verification", StringComparison.Ordinal)) { user.Cancel(); } });
        var before = ProjectState();

        Assert.ThrowsAny<OperationCanceledException>(() => Services.JobStatuses.Import(file, Folder.Path, _messages.Add, user.Token, progress));

        Assert.Equal(before, ProjectState());
        Assert.Empty(CocTask.Statuses);
        var operation = "Importing the job status 'first.status'";
        Assert.Equal([new WorkStep(operation, "reading it", 0, 3), new WorkStep(operation, "its verification by the U-HSM", 1, 3)], progress.Steps);
    }

    [Fact]
    public void An_interim_then_an_end_status_are_verified_and_recorded_with_each_device_s_verdict()
    {
        var (program, verify) = Exported();
        var (good, forged, missing) = (Programmed(program), Programmed(program), Programmed(program));
        var verified = NewDsn();
        _cmA.Store.SpendTicket(verify.TicketId, verified.ToString(), Challenges.NewNonce(), DateTimeOffset.UtcNow);
        var forgedCoc = Coc(forged);
        forgedCoc[^1] ^= 1;

        var interim = Import(Status("first", [Coc(good), forgedCoc]));
        Assert.Equal((1L, HsmTaskState.Producing), (interim.Verified.Sequence, CocTask.State));
        Assert.Equal([("P", (long?)3, 3L, (long?)0), ("V", null, 1L, null)], interim.Verified.Tickets.Select(ticket => (ticket.Name, ticket.MaxDevices, ticket.Used, ticket.Remaining)));
        Assert.Equal(
            [
                (good.ToString(), "PROGRAM", StatusDevices.Programmed, "VALID"), (forged.ToString(), "PROGRAM", StatusDevices.Unproven, "BAD_MAC"),
                (missing.ToString(), "PROGRAM", StatusDevices.Unproven, "MISSING"), (verified.ToString(), "VERIFY", StatusDevices.Authorised, "NONE"),
            ],
            interim.Devices.Select(device => (device.Dsn, device.Action, device.Result, device.Coc)));

        File.WriteAllBytes(StatusFile("end"), _cmA.ManufacturerRole().EndTask(CocTask.RequestId!, terminate: false, [Coc(good), Coc(forged), Coc(missing)]).Container);
        var end = Import(StatusFile("end"));
        Assert.NotNull(end.Verified.End);
        Assert.Equal(HsmTaskState.Ended, CocTask.State);
        Assert.All(end.Devices.Where(device => device.Action == "PROGRAM"), device => Assert.Equal(StatusDevices.Programmed, device.Result));
        Assert.Equal([1L, 2L], CocTask.Statuses.Select(status => status.Sequence));
        Assert.Equal(new SortedDictionary<string, int> { ["VALID"] = 3 }, CocTask.Statuses[1].CocVerdicts);

        // After the end the task is not exported again; its history shows in report_hsmtask.
        var error = Assert.Throws<DomainException>(() => Services.HsmJobs.Export("JC", "T", Folder.Path, "again", Folder.Path, _messages.Add, _messages.Add));
        Assert.Contains("its job ended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_above_the_containers_general_16_mib_part_is_imported()
    {
        var (program, _) = Exported();
        var good = Programmed(program);

        // CoCs of the largest size the M-HSM takes (126 components: 4,096 bytes), of devices the task never programmed,
        // make a status file larger than the 17 MiB a status file was read up to before with the fewest devices.
        const int Others = 3_300;
        var digests = Enumerable.Range(0, 126).Select(index => SHA256.HashData(BitConverter.GetBytes(index))).ToArray();
        var others = Enumerable.Range(0, Others).Select(_ => CertificateOfConformance.Compute(RandomNumberGenerator.GetBytes(32), NewDsn(), 1, digests).ToBytes());
        var file = Status("large", [Coc(good), .. others]);
        Assert.True(new FileInfo(file).Length > Formats.Containers.ContainerFile.MaximumWholePartBytes + (1 << 20));

        var imported = Import(file);
        Assert.Equal(Others + 1, imported.Verified.Cocs.Count);
        Assert.Equal(new SortedDictionary<string, int> { ["NOT_PROGRAMMED"] = Others, ["VALID"] = 1 }, CocTask.Statuses[0].CocVerdicts);
    }

    [Fact]
    public void A_status_damaged_or_of_another_m_hsm_is_refused_naming_the_file_and_nothing_changes()
    {
        var (program, _) = Exported();
        Programmed(program);
        var good = File.ReadAllBytes(Status("good", []));
        File.WriteAllBytes(StatusFile("truncated"), good[..(good.Length / 2)]);
        var error = Refused<HsmException>(() => Import(StatusFile("truncated")));
        Assert.Equal("BAD_CONTAINER", error.Code);
        Assert.StartsWith($"The job status file '{StatusFile("truncated")}' is refused: ", error.Message, StringComparison.Ordinal);

        var altered = good.ToArray();
        altered[altered.Length / 2] ^= 1;
        File.WriteAllBytes(StatusFile("altered"), altered);
        Assert.Equal("BAD_CONTAINER", Refused<HsmException>(() => Import(StatusFile("altered"))).Code);

        // B processed the same request and signs a genuine status of its own: the task is bound to A.
        var ofB = Status("of_b", [], _cmB);
        Assert.Equal("NOT_BOUND_MHSM", Refused<HsmException>(() => Import(ofB)).Code);
        Assert.Equal(HsmTaskState.Exported, CocTask.State);
    }

    [Fact]
    public void Another_project_s_or_another_task_s_status_is_refused()
    {
        Exported();
        var user = HsmModule.Open(Services.Connector.EmbeddedStoreFolder).UserRole("test");
        string StatusOf(string job, string task)
        {
            var content = new Spps.Hsm.Protocol.JobRequestContent(job, task, [new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "P", "FPGA", "M2S010", "PROGRAM", 1, "AUTH_CODE")]);
            var request = user.SignJobRequest(content);
            _cmA.ManufacturerRole().ProcessJobRequest(request.Container);
            File.WriteAllBytes(StatusFile(job + task), _cmA.ManufacturerRole().MakeJobStatus(request.RequestId, []).Container);
            return StatusFile(job + task);
        }

        var otherProject = StatusOf("OTHER", "T");
        Assert.Equal(["SPPS", "NOTTHISPROJECT", otherProject, "OTHER"], Refused<DomainException>(() => Import(otherProject)).ErrorCode);
        var otherTask = StatusOf("JC", "T");
        var another = Refused<DomainException>(() => Import(otherTask));
        Assert.Equal("NOTTHISTASK", another.ErrorCode[1]);
        Assert.Contains("it is the status of another task of that name", another.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_older_than_one_imported_or_with_a_count_going_down_is_refused()
    {
        var (program, _) = Exported();
        Programmed(program);
        var first = Status("first", []);
        var second = Status("second", []);
        Import(second);
        var older = Refused<DomainException>(() => Import(first));
        Assert.Equal(["SPPS", "STALESTATUS", first, "1"], older.ErrorCode);
        Assert.Equal("STALESTATUS", Refused<DomainException>(() => Import(second)).ErrorCode[1]);

        // A count lower than the last status's (no genuine M-HSM signs it; the project's rule holds on its own).
        var last = CocTask.Statuses[^1];
        var lower = new ImportedStatus
        {
            Sequence = 9, Tickets = [.. last.Tickets.Select(ticket => ticket with { Used = 0 })], StatusFile = last.StatusFile, DevicesFile = last.DevicesFile,
        };
        Assert.Equal("COUNTDOWN", Refused<DomainException>(() => Tasks.RecordStatus("JC", "T", lower, "forged.status")).ErrorCode[1]);
    }

    [Fact]
    public void A_task_not_exported_takes_no_status()
    {
        Tasks.AddTask("JC", "T", HsmTask.External);
        Ticket("P", job: "JC");
        var error = Refused<DomainException>(() => Tasks.BeginStatus("JC", "T"));
        Assert.Equal(["SPPS", "TASKSTATE", "T", "HasTickets"], error.ErrorCode);
    }

    [Fact]
    public void The_html_report_shows_tickets_devices_history_and_the_end_and_fetches_nothing()
    {
        var (program, _) = Exported();
        var good = Programmed(program);
        Import(Status("first", [Coc(good)]));
        File.WriteAllBytes(StatusFile("end"), _cmA.ManufacturerRole().EndTask(CocTask.RequestId!, terminate: true, [Coc(good)]).Container);
        Import(StatusFile("end"));

        var path = Services.JobReports.Export("JC", "T", "report.html", Folder.Path, _messages.Add, _messages.Add);
        var html = File.ReadAllText(path);
        Assert.Contains($"<td>{good}</td><td>FPGA</td><td>P</td><td>PROGRAM</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"PROGRAMMED\">PROGRAMMED</td><td class=\"VALID\">VALID</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>P</td><td>FPGA</td><td>PROGRAM</td><td>3</td><td>1</td><td>2</td>", html, StringComparison.Ordinal);
        Assert.Contains("terminated with devices left", html, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "<tr><td>[12]</td><td>").Count);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=", html);
    }

    [SkippableFact]
    public void The_html_report_renders_in_a_real_browser_with_its_rows_and_colours()
    {
        HeadlessChromium.RequireInstalled();
        var (program, _) = Exported();
        var (good, forged) = (Programmed(program), Programmed(program));
        var forgedCoc = Coc(forged);
        forgedCoc[^1] ^= 1;
        Import(Status("first", [Coc(good), forgedCoc]));
        var page = Services.JobReports.Export("JC", "T", "report.html", Folder.Path, _messages.Add, _messages.Add);

        // The rendered text: the ticket rows, a row per device with its verdict, the history row.
        var dom = HeadlessChromium.DumpDom(page, Folder.Path);
        Assert.Contains("<td>P</td><td>FPGA</td><td>PROGRAM</td><td>3</td><td>2</td><td>1</td>", dom, StringComparison.Ordinal);
        Assert.Contains($"<td>{good}</td>", dom, StringComparison.Ordinal);
        Assert.Contains($"<td>{forged}</td>", dom, StringComparison.Ordinal);
        Assert.Contains("<td class=\"BAD_MAC\">BAD_MAC</td>", dom, StringComparison.Ordinal);

        // The picture: the valid device's green cells, the forged one's red cells and the ticket's blue bar are drawn.
        var screenshot = PngPixels.Decode(HeadlessChromium.Screenshot(page, Folder.Path, 1400, 900));
        Assert.Equal((1400, 900), (screenshot.Width, screenshot.Height));
        Assert.True(screenshot.Count(0xc8, 0xef, 0xc8) > 500, "no green (PROGRAMMED, VALID) cells in the screenshot");
        Assert.True(screenshot.Count(0xf6, 0xc4, 0xc4) > 500, "no red (UNPROVEN, BAD_MAC) cells in the screenshot");
        Assert.True(screenshot.Count(0x3b, 0x73, 0xb9) > 1000, "no blue bar of the ticket's use in the screenshot");
    }
}
