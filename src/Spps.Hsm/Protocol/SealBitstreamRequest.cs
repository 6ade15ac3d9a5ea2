using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;

namespace Spps.Hsm.Protocol;

/// <summary>
/// Asks the U-HSM to build a bitstream whose keys only it may see: the header and the components' plain payloads
/// come from the Job Manager; every key that encrypts a component or is programmed by one is named here and resolved
/// inside the HSM from the given keysets (per-device keys derived from base keys and the header's DSN).
/// </summary>
public sealed record SealBitstreamRequest
{
    public required BitstreamHeader Header { get; init; }

    public required IReadOnlyList<SealComponent> Components { get; init; }

    /// <summary>The keysets the references name, by a name of the caller's choosing (e.g. "design", "rotation").</summary>
    public required IReadOnlyDictionary<string, WrappedKeyset> Keysets { get; init; }

    /// <summary>The key of each key mode the components use, by <see cref="KeyMode"/> name; KLK needs none.</summary>
    public required IReadOnlyDictionary<string, KeyReference> ModeKeys { get; init; }
}

/// <summary>A component: its plain payload, and the keys the HSM appends to it as (id, 32-byte value) records.</summary>
public sealed record SealComponent(byte Type, KeyMode Mode, byte[] Payload, IReadOnlyList<KeyInsert> Inserts);

/// <summary>A key record appended to a security component: the key's id byte and where its value comes from.</summary>
public sealed record KeyInsert(byte Id, KeyReference Source);

/// <summary>
/// A key of a keyset (<see cref="KeysetKeys.TokenKeys"/>); when <paramref name="PerDevice"/>, the device's own value,
/// derived from the key's base key (<c>UEK1_BASE</c> for UEK1) and the DSN of the request's header.
/// </summary>
public sealed record KeyReference(string Keyset, string Key, bool PerDevice = false);
