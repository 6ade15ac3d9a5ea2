using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;

namespace Spps.Hsm.Protocol;

/// <summary>
/// Asks the U-HSM for a bitstream of the HSM flow that a file may hold: an update bitstream (UEK1, UEK2, UEK3) or
/// one file of a key rotation, as the header's type says. The request carries only what is public — the header, the
/// plain design components, the policy flags — and the wrapped keysets; the HSM decides from the bitstream type and
/// its sealing policy which key encrypts each component and which keys, if any, the bitstream programs, and refuses
/// anything else (docs/security.md, "Sealing policy").
/// </summary>
public sealed record SealBitstreamRequest
{
    public required BitstreamHeader Header { get; init; }

    /// <summary>An update bitstream's plain design components (fabric, memory clients, end of bitstream), in order; none for a key rotation.</summary>
    public required IReadOnlyList<PlainComponent> Components { get; init; }

    /// <summary>The Programming Data's keyset: the keys the devices hold now.</summary>
    public required WrappedKeyset Keyset { get; init; }

    /// <summary>A key rotation's new keys (<c>set_new_keys_for_rotation -keyset_file</c>).</summary>
    public WrappedKeyset? NewKeyset { get; init; }

    /// <summary>An update bitstream encrypted under the device's own key, derived from the keyset's base key and the header's DSN.</summary>
    public bool PerDevice { get; init; }

    /// <summary>Which file of a key rotation this is.</summary>
    public KeyRotationStep? Rotation { get; init; }
}

/// <summary>A design component as the Job Manager planned it: its type and plain payload.</summary>
public sealed record PlainComponent(byte Type, byte[] Payload);

/// <summary>
/// A file of a key rotation: the rotation starts with key set <paramref name="FirstKeySet"/>'s key on a device with
/// <paramref name="KeySets"/> key sets (2, or 3 with UEK3), and this is file <paramref name="File"/> of
/// <see cref="KeyRotationSequence"/>; the security component it programs carries <paramref name="PolicyFlags"/>.
/// </summary>
public sealed record KeyRotationStep(int FirstKeySet, int KeySets, int File, ushort PolicyFlags);
