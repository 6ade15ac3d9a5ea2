using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Spps.Hsm.HsmJobs;

/// <summary>
/// What an HSM job's target gives its M-HSM, in plaintext only inside an HSM: named entries, each a key value (the
/// task's KIP, the keys an Initiator programs, their base keys for UNIQUE_KEY, an update's UEK) or a setting in ASCII
/// (bitstream type, protocol, key mode, CoC, policy flags). Encoded as a count (2 bytes) then, per entry, its name's
/// length (1 byte), the name in ASCII, its value's length (2 bytes) and the value; big-endian. Disposing zeroes every value.
/// </summary>
internal sealed class TaskSecrets : IDisposable
{
    public const string Kip = "KIP";
    public const string Type = "TYPE";
    public const string Protocol = "PROTOCOL";
    public const string KeyMode = "KEY_MODE";
    public const string Coc = "GENERATE_COC";
    public const string Policy = "POLICY_FLAGS";

    private readonly List<(string Name, byte[] Value)> _entries = [];

    public IEnumerable<string> Names => _entries.Select(entry => entry.Name);

    /// <summary>Adds a copy of <paramref name="value"/>.</summary>
    public void Add(string name, ReadOnlySpan<byte> value) => _entries.Add((name, value.ToArray()));

    public void AddText(string name, string value) => _entries.Add((name, Encoding.ASCII.GetBytes(value)));

    public byte[]? Value(string name) => _entries.Find(entry => entry.Name == name).Value;

    public string? Text(string name) => Value(name) is { } value ? Encoding.ASCII.GetString(value) : null;

    /// <summary>The encoded entries; the caller zeroes them after sealing.</summary>
    public byte[] Encode()
    {
        var output = new byte[2 + _entries.Sum(entry => 1 + entry.Name.Length + 2 + entry.Value.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(output, (ushort)_entries.Count);
        var offset = 2;
        foreach (var (name, value) in _entries)
        {
            output[offset++] = (byte)name.Length;
            offset += Encoding.ASCII.GetBytes(name, output.AsSpan(offset));
            BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(offset), (ushort)value.Length);
            value.CopyTo(output, offset + 2);
            offset += 2 + value.Length;
        }

        return output;
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; null when the bytes are not such entries.</summary>
    public static TaskSecrets? Decode(ReadOnlySpan<byte> encoded)
    {
        var secrets = new TaskSecrets();
        if (encoded.Length < 2)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(encoded);
        var offset = 2;
        for (var index = 0; index < count; index++)
        {
            if (offset >= encoded.Length || offset + 1 + encoded[offset] + 2 > encoded.Length)
            {
                secrets.Dispose();
                return null;
            }

            var name = Encoding.ASCII.GetString(encoded.Slice(offset + 1, encoded[offset]));
            offset += 1 + encoded[offset];
            var length = BinaryPrimitives.ReadUInt16BigEndian(encoded[offset..]);
            if (offset + 2 + length > encoded.Length)
            {
                secrets.Dispose();
                return null;
            }

            secrets.Add(name, encoded.Slice(offset + 2, length));
            offset += 2 + length;
        }

        if (offset != encoded.Length)
        {
            secrets.Dispose();
            return null;
        }

        return secrets;
    }

    public void Dispose()
    {
        foreach (var (_, value) in _entries)
        {
            CryptographicOperations.ZeroMemory(value);
        }

        _entries.Clear();
    }
}
