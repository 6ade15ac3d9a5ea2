using Spps.Hsm.Protocol;

namespace Spps.Hsm.Client;

/// <summary>
/// The manufacturer role of a module behind an <c>spps-hsm serve</c>, reached over HTTP (HTTPS unless the server is
/// on a loopback address) with a credential enrolled for that role.
/// </summary>
public sealed class RemoteManufacturerHsm(Uri server, HsmCredential credential, HttpMessageHandler? handler = null) : IManufacturerHsm, IDisposable
{
    private readonly HsmConnection _connection = new(server, credential, handler);

    public ModuleInfo GetInfo() => _connection.Send<ModuleInfo>(HsmOperation.Info, null);

    public ProcessedJobRequest ProcessJobRequest(byte[] request) =>
        _connection.Send<ProcessedJobRequest>(HsmOperation.ProcessJobRequest, new JobRequestSubmission(request));

    public IReadOnlyList<TicketRecord> ListTickets() => _connection.Send<IReadOnlyList<TicketRecord>>(HsmOperation.ListTickets, null);

    public IReadOnlyList<string> RemoveTickets(IReadOnlyList<string>? ticketIds) =>
        _connection.Send<IReadOnlyList<string>>(HsmOperation.RemoveTickets, new TicketRemoval(ticketIds));

    public DeviceAuthorization AuthorizeDeviceAction(DeviceAuthorizationRequest request) =>
        _connection.Send<DeviceAuthorization>(HsmOperation.AuthorizeDeviceAction, request);

    public JobStatusReport MakeJobStatus(string requestId, IReadOnlyList<byte[]> cocs) =>
        _connection.Send<JobStatusReport>(HsmOperation.MakeJobStatus, new JobStatusRequest(requestId, cocs));

    public JobStatusReport EndTask(string requestId, bool terminate, IReadOnlyList<byte[]> cocs) =>
        _connection.Send<JobStatusReport>(HsmOperation.EndTask, new JobEndRequest(requestId, terminate, cocs));

    public void Dispose() => _connection.Dispose();
}
