using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;

namespace Spps.Hsm.Protocol;

/// <summary>
/// Asks the U-HSM for one target of an HSM job: its bitstream of the HSM flow (MASTER = Initiator, or a UEK1/2/3
/// update) encrypted under the task's KIP, and the secrets the bound M-HSM needs at production sealed to that M-HSM's
/// task key. The request and reply are the task's handshake containers: the HSM checks them again and takes the task
/// key only from a reply it verified, so no caller can name the key the secrets are sealed to (docs/security.md,
/// "HSM jobs").
/// </summary>
public sealed record SealHsmJobTargetRequest
{
    /// <summary>The task's job request container, as this U-HSM signed it.</summary>
    public required byte[] Request { get; init; }

    /// <summary>The M-HSM's reply to <see cref="Request"/>.</summary>
    public required byte[] Reply { get; init; }

    /// <summary>The M-HSM the task is bound to: the reply must be that module's.</summary>
    public required string MHsmUuid { get; init; }

    /// <summary>The job's target (device name) the request's tickets name.</summary>
    public required string Target { get; init; }

    /// <summary>The target's tickets, by id: each must be in the signed request, for this target.</summary>
    public required IReadOnlyList<string> TicketIds { get; init; }

    public required BitstreamHeader Header { get; init; }

    /// <summary>The bitstream's plain design components (fabric, memory clients, end of bitstream), in order.</summary>
    public required IReadOnlyList<PlainComponent> Components { get; init; }

    /// <summary>The Programming Data's keyset.</summary>
    public required WrappedKeyset Keyset { get; init; }

    /// <summary>An Initiator's user keys its security component programs (names only; the HSM reads their values).</summary>
    public IReadOnlyList<string> ProgrammedKeys { get; init; } = [];

    /// <summary>An Initiator's security policy flags.</summary>
    public ushort PolicyFlags { get; init; }

    /// <summary>The user keys the UNIQUE_KEY protocol makes per device (their base keys are sealed, not project values).</summary>
    public IReadOnlyList<string> UniqueKeyTypes { get; init; } = [];

    /// <summary>An Initiator's authorization key mode: DFK, KFP, KFPE, KUP or KUPE.</summary>
    public string? AuthKeyMode { get; init; }

    /// <summary>Whether the M-HSM is to have each device generate a certificate of conformance.</summary>
    public bool GenerateCoc { get; init; }
}

/// <summary>One target of an HSM job: its bitstream (encrypted under the task's KIP) and its secrets sealed to the bound M-HSM.</summary>
public sealed record SealedHsmJobTarget(BuiltBitstream Bitstream, byte[] SealedSecrets);
