using Spps.Formats.Design;
using Spps.Formats.Keysets;

namespace Spps.Formats.Bitstreams;

/// <summary>
/// The payload of a security component: policy flags (u16), the number of key records (u8), a reserved byte, then one
/// record per key the bitstream programs: the key's id (1-based position in the user key names) and its 32-byte value.
/// </summary>
public static class SecurityComponent
{
    public const int PolicyBytes = 4;

    /// <summary>The policy flags defined (bits 0–9: UEK1, UEK2, UEK3, fabric, eNVM, sNVM update protection, debug lock, JTAG lock, back level, permanent).</summary>
    public const ushort DefinedPolicyFlags = 0x03FF;

    /// <summary>The policy flag of a permanent security setting (bit 9).</summary>
    public const ushort PermanentPolicyFlag = 0x0200;
    public const int RecordBytes = 1 + KeysetKeys.KeyBytes;

    /// <summary>The id byte of a key record: the key's 1-based position in the user key names.</summary>
    public static byte KeyId(string name) => UserKeys.Names.Contains(name)
        ? (byte)(UserKeys.Names.ToList().IndexOf(name) + 1)
        : throw new ArgumentException($"'{name}' is not a user key (expecting one of {string.Join(", ", UserKeys.Names)}).", nameof(name));

    /// <summary>A payload with the policy flags and no key records yet.</summary>
    public static byte[] Policy(ushort flags) => [(byte)flags, (byte)(flags >> 8), 0, 0];

    /// <summary>The payload with <paramref name="keys"/> appended after its records and the record count updated.</summary>
    public static byte[] WithKeys(ReadOnlySpan<byte> payload, IReadOnlyList<(byte Id, byte[] Value)> keys)
    {
        if (payload.Length < PolicyBytes || payload[2] + keys.Count > byte.MaxValue)
        {
            throw new ArgumentException("Keys can only be added to a security component (flags, record count, reserved byte, records).", nameof(payload));
        }

        var result = new byte[payload.Length + keys.Count * RecordBytes];
        payload.CopyTo(result);
        result[2] = (byte)(payload[2] + keys.Count);
        var at = payload.Length;
        foreach (var (id, value) in keys)
        {
            if (value.Length != KeysetKeys.KeyBytes)
            {
                throw new ArgumentException($"Key {id} has {value.Length} bytes, not {KeysetKeys.KeyBytes}.", nameof(keys));
            }

            result[at] = id;
            value.CopyTo(result, at + 1);
            at += RecordBytes;
        }

        return result;
    }
}
