using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>The manufacturer-HSM role of a module, acting for a client named in the audit log.</summary>
internal sealed class ManufacturerHsmRole(HsmModule module, string client) : IManufacturerHsm
{
    private readonly AuditedCalls _audited = new(module.Store, client);

    public ModuleInfo GetInfo() => module.Info();

    public ProcessedJobRequest ProcessJobRequest(byte[] request) =>
        _audited.Run<ProcessedJobRequest>("process_job_request", () => throw HsmNotYet.Refusal("process_job_request"), _ => string.Empty);

    public IReadOnlyList<TicketRecord> ListTickets() =>
        _audited.Run<IReadOnlyList<TicketRecord>>("list_tickets", () => throw HsmNotYet.Refusal("list_tickets"), _ => string.Empty);

    public IReadOnlyList<string> RemoveTickets(IReadOnlyList<string>? ticketIds) =>
        _audited.Run<IReadOnlyList<string>>("remove_tickets", () => throw HsmNotYet.Refusal("remove_tickets"), _ => string.Empty);

    public void Dispose()
    {
        // An embedded role holds nothing beyond the module.
    }
}
