namespace Spps.Hsm.Protocol;

/// <summary>
/// Asks the M-HSM to authorise one ticketed action on one device (docs/production.md, "The authorisation code"). All of
/// it is public: the job's sealed secrets of the target (opened only by the task key of this M-HSM), the ticket, and
/// what the device said about itself. The M-HSM checks every part, spends the ticket durably, and only then answers.
/// </summary>
public sealed record DeviceAuthorizationRequest
{
    /// <summary>The task's request id (the job's HSM task).</summary>
    public required string RequestId { get; init; }

    /// <summary>The job's target (device name) the sealed secrets are for.</summary>
    public required string Target { get; init; }

    /// <summary>The target's ticket ids as the job lists them with its sealed secrets (the seal is bound to them).</summary>
    public required IReadOnlyList<string> TargetTicketIds { get; init; }

    /// <summary>The target's sealed secrets from the job's <c>cmHSMTicketData</c>.</summary>
    public required byte[] SealedSecrets { get; init; }

    /// <summary>The ticket to spend: one of <see cref="TargetTicketIds"/>, for <see cref="Action"/>.</summary>
    public required string TicketId { get; init; }

    /// <summary>PROGRAM, ERASE or VERIFY.</summary>
    public required string Action { get; init; }

    /// <summary>The device's certificate (<c>SPPSDCRT</c>, signed by the device CA of this module's factory).</summary>
    public required byte[] DeviceCertificate { get; init; }

    /// <summary>The device's user key statement (<c>SPPSUKEY</c>); required for the KUP and KUPE key modes only.</summary>
    public byte[]? UserKeyStatement { get; init; }

    /// <summary>The device's live challenge (<c>SPPSCHAL</c>), for the certificate's DSN.</summary>
    public required byte[] Challenge { get; init; }
}
