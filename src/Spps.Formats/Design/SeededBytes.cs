using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Spps.Formats.Design;

/// <summary>Deterministic pseudo-random bytes: SHA-256 of (seed, label, block counter), so generated designs repeat exactly.</summary>
public static class SeededBytes
{
    public static byte[] Generate(long seed, string label, int length)
    {
        var output = new byte[length];
        var input = new byte[8 + Encoding.UTF8.GetByteCount(label) + 8];
        BinaryPrimitives.WriteInt64BigEndian(input, seed);
        Encoding.UTF8.GetBytes(label, input.AsSpan(8));
        Span<byte> block = stackalloc byte[32];
        for (long counter = 0, offset = 0; offset < length; counter++, offset += 32)
        {
            BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(input.Length - 8), counter);
            SHA256.HashData(input, block);
            block[..(int)Math.Min(32, length - offset)].CopyTo(output.AsSpan((int)offset));
        }

        return output;
    }
}
