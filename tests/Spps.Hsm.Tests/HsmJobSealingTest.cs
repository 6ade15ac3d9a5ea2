using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Handshake;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>What the tests of the U-HSM's HSM job operation share: the OEM's user role, a refusal that changes nothing and is audited, and the bound M-HSM's opening.</summary>
public abstract class HsmJobSealingTest : HandshakeModules
{
    protected static Die Mpf300 { get; } = DeviceCatalog.Dies.Single(die => die.Name == "MPF300");

    protected IUserHsm User => Oem.UserRole("oem");

    /// <summary>A header of an MPF300 design of <paramref name="type"/>.</summary>
    protected static BitstreamHeader Header(BitstreamType type) => new()
    {
        FamilyCode = Mpf300.Family.DataFileCode(), TypeCode = (byte)type, IdCode = Mpf300.IdCode, Checksum = 1, DesignName = "top", DesignVersion = 2, BackLevel = 0,
    };

    protected string Refused(SealHsmJobTargetRequest request)
    {
        var before = StoreRows.Of(Oem);
        var error = Assert.Throws<HsmException>(() => User.SealHsmJobTarget(request));
        Assert.Equal(before, StoreRows.Of(Oem));
        Assert.Contains(Oem.Store.ReadAudit(), entry => entry.Operation == "seal_hsm_job_target" && entry.Result.StartsWith("refused: " + error.Code, StringComparison.Ordinal));
        return error.Code;
    }

    private protected static TaskSecrets Open(HsmModule manufacturer, SealHsmJobTargetRequest request, SealedHsmJobTarget sealedTarget) =>
        TaskSecretsOpener.Open(manufacturer, Document(request).RequestId, request.Target, request.TicketIds, sealedTarget.SealedSecrets);

    /// <summary>The signed request document of a target's request.</summary>
    private protected static JobRequestDocument Document(SealHsmJobTargetRequest request) => HandshakeContainer.Read<JobRequestDocument>(request.Request, JobRequestDocument.Type,
        JobRequestDocument.DocumentPart, JobRequestDocument.CertificatePart, "job request").Document;
}
