using System.Security.Cryptography;
using Spps.Formats.Jobs;
using Spps.Hsm;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Roles;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;

namespace Spps.JobManager.Tests;

/// <summary>
/// What the HSM task tests share: a job "J" whose chain holds a target of each kind of programming (HSM flow with
/// AUTH_CODE, UNIQUE_KEY and no protocol, non-HSM flow, a STAPL file) and a bypass device; tasks brought to any state.
/// </summary>
public abstract class HsmTaskTest : JobTest
{
    protected const string MHsmUuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    protected HsmTaskTest()
    {
        CreateKeyset();
        Data("HD", "M2S010", "ks");
        Service.InitBitstream("HD", new BitstreamRequest { Name = "MA", Type = "MASTER", Protocol = "AUTH_CODE" });
        Service.InitBitstream("HD", new BitstreamRequest { Name = "MU", Type = "MASTER", Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1"] });
        Service.InitBitstream("HD", new BitstreamRequest { Name = "U1", Type = "UEK1" });
        Data("PD", "M2S025");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        Target("J", "FPGA", 1, "HD", "MA");
        Target("J", "UNIQUE", 2, "HD", "MU");
        Target("J", "UPDATE", 3, "HD", "U1");
        Target("J", "PLAIN", 4, "PD", "M");
        StaplFile = Stapl("M2S010");
        Jobs.AddTarget("J", "EXT", 5, null, null, null, StaplFile, Folder.Path);
        Jobs.AddMicrochipBypass("J", "BYP", 6, "M2S010", null, Folder.Path);
    }

    protected HsmTaskService Tasks => Services.HsmTasks;

    protected string StaplFile { get; }

    protected HsmTask Task(string name = "T", string job = "J") => Tasks.Find(job, name).Task;

    protected HsmTicket Ticket(string ticket, string device = "FPGA", string action = "PROGRAM", string max = "100", string task = "T", string job = "J") =>
        Tasks.NewTicket(job, task, ticket, device, action, max, Warnings.Add);

    /// <summary>A copy of <paramref name="content"/> in the project, as the handshake commands store their containers.</summary>
    protected string Copy(string content, string stem) =>
        ProjectFiles.Import(Workspace.Project!, () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), ".zip", "jobs/J/tasks/T", stem);

    protected static string Digest(char digit) => new(digit, 64);

    /// <summary>A job target's sealed secrets, opened on <paramref name="manufacturer"/> as its production does.</summary>
    private protected static TaskSecrets Open(HsmModule manufacturer, JobDeviceDescription device) =>
        TaskSecretsOpener.Open(manufacturer, device.TicketData!.RequestId, device.DeviceName, [.. device.TicketData.Tickets.Select(ticket => ticket.TicketId)],
            device.TicketData.SealedSecrets);

    /// <summary>Every key of the keyset "ks", as the OEM's module opens it.</summary>
    protected Dictionary<string, byte[]> KeysetKeys()
    {
        var module = HsmModule.Open(Services.Connector.EmbeddedStoreFolder);
        var master = module.Store.ReadSecret(HsmModule.MasterKey);
        using var keyset = OpenedKeyset.Open(Services.KeysetRepository.Read("ks", "keyset_file").Keyset, master, module.Identity.UMasterHsmUuid);
        CryptographicOperations.ZeroMemory(master);
        return keyset.Names.ToDictionary(name => name, name => keyset.Key(name).ToArray());
    }

    /// <summary>Adds task "T" of <paramref name="requestType"/> to job "J" and takes it through the steps up to <paramref name="state"/>.</summary>
    protected HsmTask Reach(string requestType, HsmTaskState state)
    {
        Tasks.AddTask("J", "T", requestType);
        if (state >= HsmTaskState.HasTickets)
        {
            Ticket("P");
        }

        if (requestType == HsmTask.External && state >= HsmTaskState.RequestExported)
        {
            Tasks.RecordRequest("J", "T", "R1", Digest('a'), Copy("request 1", "request"), Warnings.Add);
        }

        if (requestType == HsmTask.External && state >= HsmTaskState.ReplyBound)
        {
            Tasks.RecordReply("J", "T", MHsmUuid, Copy("reply 1", "reply"));
        }

        if (state == HsmTaskState.Exported)
        {
            Tasks.RecordExport("J", "T", Folder.Combine("out", "cm1.job"), []);
        }

        Assert.Equal(state, Task().State);
        return Task();
    }
}
