using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Hsm.Protocol;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// The request/reply handshake of an EXTERNAL HSM task: <c>hsmtask_m_request</c> has the U-HSM sign the task's request
/// and writes it; <c>hsmtask_m_reply</c> has the U-HSM check an M-HSM's reply against that request and binds the task
/// to that M-HSM. The project keeps a copy of both containers, so the export can have the HSM check them again.
/// </summary>
public sealed class HsmHandshakeService(ProjectContext workspace, HsmTaskService tasks, SettingsStore settings, HsmConnector connector)
{
    private const string Folder = "hsmtasks";

    /// <summary>Writes the task's signed job request to <paramref name="requestFile"/> and records it in the task.</summary>
    public SignedJobRequest ExportRequest(string jobName, string taskName, string requestFile, string currentFolder, Action<string> warn, Action<string> info)
    {
        var task = tasks.BeginRequest(jobName, taskName);
        var (job, _) = tasks.Find(jobName, taskName);
        var path = Path.GetFullPath(requestFile, currentFolder);
        if (Directory.Exists(path) || Path.EndsInDirectorySeparator(requestFile))
        {
            throw new DomainException($"request_file: Invalid argument value: '{requestFile}' (expecting the path of a file; this names a folder).",
                "BADVALUE", "-request_file", requestFile);
        }

        Writable.Check(path); // before the U-HSM signs (and audits) a request that could not be written
        var content = Content(job, task);
        SignedJobRequest signed;
        using (var hsm = connector.ConnectUser(info))
        {
            signed = hsm.SignJobRequest(content);
        }

        if (File.Exists(path))
        {
            warn($"Replacing the existing file '{path}'.");
        }

        AtomicFile.WriteAllBytes(path, signed.Container);
        var copy = ProjectFiles.Import(workspace.RequireProject(), () => new MemoryStream(signed.Container, writable: false), ".req", Folder, $"{jobName}_{taskName}_request");
        tasks.RecordRequest(jobName, taskName, signed.RequestId, Convert.ToHexStringLower(SHA256.HashData(signed.Container)), copy, warn);
        info($"Exported the job request {signed.RequestId} of HSM task '{taskName}' of job '{jobName}' ({content.Tickets.Count} ticket(s)) to '{path}'. " +
             "Have the manufacturer process it (FlashPro Express: process_job_request) and import the reply with hsmtask_m_reply.");
        return signed;
    }

    /// <summary>Checks an M-HSM's reply to the task's request and binds the task to that M-HSM.</summary>
    public BoundManufacturer ImportReply(string jobName, string taskName, string replyFile, string currentFolder, Action<string> info)
    {
        var task = tasks.BeginReply(jobName, taskName);
        var project = workspace.RequireProject();
        var request = ReadContainer(ProjectFiles.Resolve(project, task.RequestFile!, $"the request of HSM task '{taskName}'",
            "export the request again with hsmtask_m_request (the M-HSM must then process the new one)"), "request");
        var reply = ReadContainer(Path.GetFullPath(replyFile, currentFolder), "reply_file");
        BoundManufacturer bound;
        using (var hsm = connector.ConnectUser(info))
        {
            bound = hsm.VerifyJobReply(request, reply);
        }

        var copy = ProjectFiles.Import(project, () => new MemoryStream(reply, writable: false), ".rep", Folder, $"{jobName}_{taskName}_reply");
        tasks.RecordReply(jobName, taskName, bound.MHsmUuid, copy);
        info($"Imported the reply of M-HSM {bound.MHsmUuid} to request {bound.RequestId}: HSM task '{taskName}' of job '{jobName}' is bound to that M-HSM " +
             "and can be exported with export_hsmtask.");
        return bound;
    }

    /// <summary>
    /// Runs an INTERNAL task's request and reply on the two roles of the Job Manager's own module: its U-HSM signs the
    /// request, its M-HSM processes it (making the tickets once) and the U-HSM checks the reply, as for an EXTERNAL task;
    /// both are kept in the project, and the task is bound to the module's own M-HSM. The module must be the one whose
    /// m_hsm_uuid the settings name, and embedded: a served module serves a client one role only.
    /// </summary>
    public void RunInternal(string jobName, string taskName, Action<string> info)
    {
        var (job, task) = tasks.Find(jobName, taskName);
        if (settings.Load().HsmServerName != HsmServerName.Local)
        {
            throw new DomainException(
                $"HSM task '{taskName}' of job '{jobName}' is {HsmTask.Internal}: its request runs on the manufacturer role of the Job Manager's own module, and a " +
                "served module serves each client one role. Use the embedded module (set_hsm_params -hsm_server_name local), or an EXTERNAL task whose request the " +
                "module's manufacturer client processes (FlashPro Express: process_job_request).", "INTERNALSERVED", taskName);
        }

        var content = Content(job, task);
        using var user = connector.ConnectUser(info);
        using var manufacturer = connector.ConnectManufacturer(info); // the module must be the M-HSM the settings name
        var signed = user.SignJobRequest(content);
        var processed = manufacturer.ProcessJobRequest(signed.Container);
        var bound = user.VerifyJobReply(signed.Container, processed.ReplyContainer);
        var project = workspace.RequireProject();
        var requestCopy = ProjectFiles.Import(project, () => new MemoryStream(signed.Container, writable: false), ".req", Folder, $"{jobName}_{taskName}_request");
        var replyCopy = ProjectFiles.Import(project, () => new MemoryStream(processed.ReplyContainer, writable: false), ".rep", Folder, $"{jobName}_{taskName}_reply");
        tasks.RecordInternalHandshake(jobName, taskName, signed.RequestId, Convert.ToHexStringLower(SHA256.HashData(signed.Container)), requestCopy, bound.MHsmUuid, replyCopy);
        info($"Ran the request {signed.RequestId} of INTERNAL HSM task '{taskName}' of job '{jobName}' on this module's own M-HSM {bound.MHsmUuid}: " +
             $"{processed.Tickets.Count} ticket(s) stored there.");
    }

    private JobRequestContent Content(ProgrammingJob job, HsmTask task) =>
        new(job.Name, task.Name, [.. task.Tickets.Select(ticket => Requested(job, ticket))]);

    private static byte[] ReadContainer(string path, string what) => InputFile.ReadAllBytes(path, what, ContainerFile.MaximumWholePartBytes);

    // A ticket as the request lists it. A limit is sent only where the protocol can count devices: elsewhere the M-HSM
    // could not enforce it (new_hsmtask_ticket warned of that), and an unenforceable limit is not signed as if it were.
    private RequestedTicket Requested(ProgrammingJob job, HsmTicket ticket)
    {
        var (data, bitstream) = tasks.TicketTarget(job, ticket);
        var counts = bitstream.Protocol is { } protocol && DeviceLimit.CountingProtocols.Contains(protocol);
        return new RequestedTicket(ticket.TicketId, ticket.Name, ticket.Device, ProgrammingDataStore.Die(data).Name, ticket.Action,
            counts ? ticket.MaxDevices : null, counts ? bitstream.Protocol! : "NONE");
    }
}
