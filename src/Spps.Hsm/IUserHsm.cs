using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;

namespace Spps.Hsm;

/// <summary>
/// The user-HSM (U-HSM) role as its callers see it. Nothing returned holds a plaintext key: keysets come back
/// wrapped, bitstreams encrypted.
/// </summary>
public interface IUserHsm : IHsmRole
{
    /// <summary>A new keyset: random keys, the imported ones, or a copy of <see cref="CreateKeysetRequest.Source"/> with imports replacing its keys.</summary>
    WrappedKeyset CreateKeyset(CreateKeysetRequest request);

    /// <summary>Checks that a keyset is under this module's master key and that every key in it is intact.</summary>
    KeysetCheck VerifyKeyset(WrappedKeyset keyset);

    /// <summary>Builds a bitstream by the HSM's sealing policy, resolving every key it needs inside the HSM; only ciphertext comes back.</summary>
    BuiltBitstream SealBitstream(SealBitstreamRequest request);

    /// <summary>Checks a task's request content and signs it as this U-HSM: a <c>spps-job-request</c> container with a fresh request id.</summary>
    SignedJobRequest SignJobRequest(JobRequestContent content);

    /// <summary>
    /// Checks that <paramref name="reply"/> is a genuine M-HSM's answer to <paramref name="request"/> (one this module
    /// signed): the M-HSM's certificate in this module's world, its signature, the request id and digest.
    /// </summary>
    BoundManufacturer VerifyJobReply(byte[] request, byte[] reply);

    /// <summary>
    /// One target of an HSM job: checks the task's reply again, then builds the target's bitstream under the task's KIP
    /// and seals the secrets the bound M-HSM needs to that M-HSM's task key (docs/security.md, "HSM jobs").
    /// </summary>
    SealedHsmJobTarget SealHsmJobTarget(SealHsmJobTargetRequest request);

    /// <summary>
    /// Verifies a job status of a task (docs/security.md, "Job status"): checks the task's reply again, that the status
    /// is signed by the M-HSM the reply bound, is this task's, and that its counts and end certifier hold; then gives a
    /// verdict on every CoC, each device's CoC key re-derived inside the HSM. A status that fails a check is refused.
    /// </summary>
    VerifiedJobStatus VerifyJobStatus(JobStatusCheck check);
}
