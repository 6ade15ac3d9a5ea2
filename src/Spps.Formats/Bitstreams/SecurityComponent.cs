using System.Buffers.Binary;
using Spps.Devices;
using Spps.Formats.Design;

namespace Spps.Formats.Bitstreams;

/// <summary>A security component's content: the policy flags and the keys it programs, by user key name.</summary>
public sealed record SecurityPayload(SecurityPolicy Policy, IReadOnlyList<(string Key, byte[] Value)> Keys);

/// <summary>
/// The payload of a security component: policy flags (u16), the number of key records (u8), a reserved byte, then one
/// record per key the bitstream programs: the key's id (1-based position in the user key names) and its 32-byte value.
/// </summary>
public static class SecurityComponent
{
    public const int PolicyBytes = 4;
    public const int RecordBytes = 1 + KeyNames.KeyBytes;

    /// <summary>The policy flags defined (bits 0–9: UEK1, UEK2, UEK3, fabric, eNVM, sNVM update protection, debug lock, JTAG lock, back level, permanent).</summary>
    public const ushort DefinedPolicyFlags = 0x03FF;

    /// <summary>The policy flag of a permanent security setting (bit 9).</summary>
    public const ushort PermanentPolicyFlag = 0x0200;

    /// <summary>The id byte of a key record: the key's 1-based position in the user key names.</summary>
    public static byte KeyId(string name) => KeyNames.User.Contains(name)
        ? (byte)(KeyNames.User.ToList().IndexOf(name) + 1)
        : throw new ArgumentException($"'{name}' is not a user key (expecting one of {string.Join(", ", KeyNames.User)}).", nameof(name));

    /// <summary>The policy flags of a security policy, bit 0 first in the order of <see cref="DefinedPolicyFlags"/>.</summary>
    public static ushort Flags(SecurityPolicy policy)
    {
        bool[] flags = [policy.Uek1Enabled, policy.Uek2Enabled, policy.Uek3Enabled, policy.FabricUpdateProtected, policy.EnvmUpdateProtected,
            policy.SnvmUpdateProtected, policy.DebugLocked, policy.JtagLocked, policy.BackLevelProtection, policy.Permanent];
        return (ushort)flags.Select((flag, bit) => flag ? 1 << bit : 0).Sum();
    }

    /// <summary>The security policy policy flags describe (<see cref="Flags"/> read back).</summary>
    public static SecurityPolicy PolicyOf(ushort flags)
    {
        bool Bit(int bit) => (flags & (1 << bit)) != 0;
        return new SecurityPolicy
        {
            Uek1Enabled = Bit(0), Uek2Enabled = Bit(1), Uek3Enabled = Bit(2), FabricUpdateProtected = Bit(3), EnvmUpdateProtected = Bit(4),
            SnvmUpdateProtected = Bit(5), DebugLocked = Bit(6), JtagLocked = Bit(7), BackLevelProtection = Bit(8), Permanent = Bit(9),
        };
    }

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
            if (value.Length != KeyNames.KeyBytes)
            {
                throw new ArgumentException($"Key {id} has {value.Length} bytes, not {KeyNames.KeyBytes}.", nameof(keys));
            }

            result[at] = id;
            value.CopyTo(result, at + 1);
            at += RecordBytes;
        }

        return result;
    }

    /// <summary>
    /// Reads a security component's payload back: its policy and its key records, each named. Throws
    /// <see cref="FormatException"/> for a payload whose length, record count, flags or key ids are not ours.
    /// </summary>
    public static SecurityPayload Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < PolicyBytes || payload.Length != PolicyBytes + payload[2] * RecordBytes)
        {
            throw new FormatException($"a security component's payload has {PolicyBytes} bytes and {RecordBytes} per key record; this one has {payload.Length} bytes");
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        if ((flags & ~DefinedPolicyFlags) != 0 || payload[3] != 0)
        {
            throw new FormatException($"a security component's policy flags are bits 0 to 9 and its fourth byte is 0; these are {flags:X4} and {payload[3]}");
        }

        var keys = new List<(string, byte[])>();
        for (var at = PolicyBytes; at < payload.Length; at += RecordBytes)
        {
            var id = payload[at];
            var name = id >= 1 && id <= KeyNames.User.Count ? KeyNames.User[id - 1] : throw new FormatException($"a key record names key id {id}; ids are 1 to {KeyNames.User.Count}");
            keys.Add((name, payload.Slice(at + 1, KeyNames.KeyBytes).ToArray()));
        }

        return new SecurityPayload(PolicyOf(flags), keys);
    }
}
