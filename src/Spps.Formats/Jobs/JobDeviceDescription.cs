namespace Spps.Formats.Jobs;

/// <summary>One <c>device</c> of a job description, with the element names of the real file in the comments.</summary>
public sealed record JobDeviceDescription
{
    /// <summary><c>deviceName</c>: the user's name of the device, unique in the job.</summary>
    public required string DeviceName { get; init; }

    /// <summary><c>programmingFileName</c>: the programming file member of a target; empty for a bypassed device.</summary>
    public string ProgrammingFileName { get; init; } = string.Empty;

    /// <summary><c>deviceType</c>: the Microchip device, or what is known of another maker's (its BSDL entity).</summary>
    public required string DeviceType { get; init; }

    /// <summary><c>deviceHWId</c>: the hardware location, the chain index.</summary>
    public required int HardwareId { get; init; }

    /// <summary><c>jtagIRSize</c>.</summary>
    public required int IrLength { get; init; }

    /// <summary><c>jtagDRSize</c>: 0 for a target, 1 (its BYPASS register) for a bypassed device.</summary>
    public required int DrLength { get; init; }

    /// <summary><c>jtagMaxTCK</c>, in MHz.</summary>
    public required double MaxTckMhz { get; init; }

    /// <summary><c>isMicrosemiDevice</c>.</summary>
    public required bool IsMicrochip { get; init; }

    /// <summary><c>klkUUID</c>: empty outside the HSM flow.</summary>
    public string KlkUuid { get; init; } = string.Empty;

    /// <summary><c>isBypass</c>.</summary>
    public required bool IsBypass { get; init; }

    /// <summary><c>isSetToHighZ</c>.</summary>
    public bool IsSetToHighZ { get; init; }

    /// <summary><c>cmHSMTicketData</c>: a ticketed target's tickets and sealed secrets in an HSM job; null elsewhere.</summary>
    public JobTicketData? TicketData { get; init; }
}
