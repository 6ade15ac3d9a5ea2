using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Spps.Formats.Production;

/// <summary>
/// Secrets in plaintext only inside an HSM or a device: named entries, each a key value or a setting in ASCII. The
/// HSM job's task secrets and an authorisation code's payload use this layout: a count (2 bytes) then, per entry, its
/// name's length (1 byte), the name in printable ASCII, its value's length (2 bytes) and the value; big-endian. A name
/// appears once. Disposing zeroes every value.
/// </summary>
public class NamedEntries : IDisposable
{
    private readonly List<(string Name, byte[] Value)> _entries = [];

    public IEnumerable<string> Names => _entries.Select(entry => entry.Name);

    /// <summary>Adds a copy of <paramref name="value"/>.</summary>
    public void Add(string name, ReadOnlySpan<byte> value)
    {
        if (name.Length is 0 or > byte.MaxValue || !name.All(IsNameCharacter) || Value(name) is not null)
        {
            throw new ArgumentException($"'{name}' is not a new entry name (1 to 255 printable ASCII characters, once).", nameof(name));
        }

        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"The value of entry '{name}' is longer than {ushort.MaxValue} bytes.", nameof(value));
        }

        _entries.Add((name, value.ToArray()));
    }

    public void AddText(string name, string value) => Add(name, Encoding.ASCII.GetBytes(value));

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

    /// <summary>Decodes exactly what <see cref="Encode"/> writes; anything else is refused naming <paramref name="source"/>.</summary>
    public static T Read<T>(ReadOnlySpan<byte> encoded, string source)
        where T : NamedEntries, new()
    {
        var entries = new T();
        try
        {
            var count = encoded.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(encoded) : throw Refused(source, "it is shorter than its entry count");
            var offset = 2;
            for (var index = 0; index < count; index++)
            {
                if (offset >= encoded.Length || offset + 1 + encoded[offset] + 2 > encoded.Length)
                {
                    throw Refused(source, $"entry {index + 1} of {count} runs beyond the end");
                }

                var name = encoded.Slice(offset + 1, encoded[offset]);
                if (name.IsEmpty || !name.ToArray().All(character => IsNameCharacter((char)character)) || entries.Value(Encoding.ASCII.GetString(name)) is not null)
                {
                    throw Refused(source, $"entry {index + 1} has no name, a name that is not printable ASCII, or the name of an earlier entry");
                }

                offset += 1 + name.Length;
                var length = BinaryPrimitives.ReadUInt16BigEndian(encoded[offset..]);
                if (offset + 2 + length > encoded.Length)
                {
                    throw Refused(source, $"the value of entry {index + 1} runs beyond the end");
                }

                entries.Add(Encoding.ASCII.GetString(name), encoded.Slice(offset + 2, length));
                offset += 2 + length;
            }

            return offset == encoded.Length ? entries : throw Refused(source, $"{encoded.Length - offset} bytes follow the last entry");
        }
        catch (ProductionFormatException)
        {
            entries.Dispose();
            throw;
        }
    }

    public static NamedEntries Read(ReadOnlySpan<byte> encoded, string source) => Read<NamedEntries>(encoded, source);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        foreach (var (_, value) in _entries)
        {
            CryptographicOperations.ZeroMemory(value);
        }

        _entries.Clear();
    }

    private static bool IsNameCharacter(char character) => character is > ' ' and < '\x7F';

    private static ProductionFormatException Refused(string source, string reason) => new(source, $"the named entries cannot be read: {reason}");
}
