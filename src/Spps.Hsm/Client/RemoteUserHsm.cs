using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Client;

/// <summary>
/// The user role of a module behind an <c>spps-hsm serve</c>, reached over HTTP (HTTPS unless the server is on a
/// loopback address). Calls are synchronous: the Job Manager calls from its Tcl thread and must not hop threads.
/// </summary>
public sealed class RemoteUserHsm(Uri server, HsmCredential credential, HttpMessageHandler? handler = null) : IUserHsm, IDisposable
{
    private readonly HsmConnection _connection = new(server, credential, handler);

    public ModuleInfo GetInfo() => _connection.Send<ModuleInfo>(HsmOperation.Info, null);

    public WrappedKeyset CreateKeyset(CreateKeysetRequest request) => _connection.Send<WrappedKeyset>(HsmOperation.CreateKeyset, request);

    public KeysetCheck VerifyKeyset(WrappedKeyset keyset) => _connection.Send<KeysetCheck>(HsmOperation.VerifyKeyset, keyset);

    public BuiltBitstream SealBitstream(SealBitstreamRequest request) => _connection.Send<BuiltBitstream>(HsmOperation.SealBitstream, request);

    public SignedJobRequest SignJobRequest(JobRequestContent content) => _connection.Send<SignedJobRequest>(HsmOperation.SignJobRequest, content);

    public BoundManufacturer VerifyJobReply(byte[] request, byte[] reply) =>
        _connection.Send<BoundManufacturer>(HsmOperation.VerifyJobReply, new JobReplyCheck(request, reply));

    public SealedHsmJobTarget SealHsmJobTarget(SealHsmJobTargetRequest request) => _connection.Send<SealedHsmJobTarget>(HsmOperation.SealHsmJobTarget, request);

    public VerifiedJobStatus VerifyJobStatus(JobStatusCheck check) => _connection.Send<VerifiedJobStatus>(HsmOperation.VerifyJobStatus, check);

    public void Dispose() => _connection.Dispose();
}
