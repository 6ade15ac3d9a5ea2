using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// A target of an HSM job as the U-HSM seals it: the job's device name, its tickets' ids, the M-HSM the task is bound to, and the task's request and
/// reply containers (the project's copies), which the HSM checks again before it seals anything to the reply's task key.
/// </summary>
internal sealed record HsmJobTarget(string Target, IReadOnlyList<string> TicketIds, string MHsmUuid, byte[] Request, byte[] Reply)
{
    /// <summary>The U-HSM request for this target, with no component and no key setting: the caller adds what its bitstream type needs.</summary>
    public SealHsmJobTargetRequest SealRequest(BitstreamHeader header, WrappedKeyset keyset) => new()
    {
        Request = Request,
        Reply = Reply,
        MHsmUuid = MHsmUuid,
        Target = Target,
        TicketIds = TicketIds,
        Header = header,
        Components = [],
        Keyset = keyset,
    };
}
