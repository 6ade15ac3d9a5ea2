using Spps.Hsm.Handshake;
using Spps.Hsm.Production;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>
/// The manufacturer-HSM role of a module, acting for a client named in the audit log: processes job requests, lists and
/// removes tickets, authorises devices (spending tickets), makes a task's job status and ends it.
/// </summary>
internal sealed class ManufacturerHsmRole(HsmModule module, IAuditLog audit) : IManufacturerHsm
{
    private readonly AuditedCalls _audited = new(audit);

    public ModuleInfo GetInfo() => module.Info();

    public ProcessedJobRequest ProcessJobRequest(byte[] request) => _audited.Run("process_job_request", () => new ManufacturerHandshake(module).Process(request),
        processed => $"request {processed.RequestId}, {processed.Tickets.Count} ticket(s)");

    public IReadOnlyList<TicketRecord> ListTickets() => _audited.Run("list_tickets", module.Store.ListTickets, tickets => $"{tickets.Count} ticket(s)");

    public IReadOnlyList<string> RemoveTickets(IReadOnlyList<string>? ticketIds) => _audited.Run("remove_tickets", () => module.Store.RemoveTickets(CheckIds(ticketIds)),
        removed => $"{removed.Count} ticket(s) removed" + (ticketIds is null ? " (all)" : string.Empty) + (removed.Count is > 0 and <= 20 ? ": " + string.Join(", ", removed) : string.Empty));

    // Ids are checked before the store is asked, so a value that is no id is named as such (and never reaches the log).
    private static IReadOnlyList<string>? CheckIds(IReadOnlyList<string>? ticketIds)
    {
        foreach (var id in ticketIds ?? [])
        {
            if (!JobRequestRules.IsId(id))
            {
                throw new HsmException("BADVALUE", $"The ticket id {HandshakeContainer.Quote(id ?? "null")} is not a ticket id (32 lower-case hex digits); no ticket was removed.");
            }
        }

        return ticketIds;
    }

    public DeviceAuthorization AuthorizeDeviceAction(DeviceAuthorizationRequest request) =>
        _audited.Run("authorize_device_action", () => new DeviceAuthorizer(module).Authorize(request), DeviceAuthorizer.Describe).Result;

    public JobStatusReport MakeJobStatus(string requestId, IReadOnlyList<byte[]> cocs) =>
        _audited.Run("make_job_status", () => new JobStatusMaker(module).Status(requestId, cocs), JobStatusMaker.Describe);

    public JobStatusReport EndTask(string requestId, bool terminate, IReadOnlyList<byte[]> cocs) =>
        _audited.Run("end_task", () => new JobStatusMaker(module).End(requestId, terminate, cocs), JobStatusMaker.Describe);

    public void Dispose()
    {
        // An embedded role holds nothing beyond the module.
    }
}
