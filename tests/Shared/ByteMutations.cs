using System.Text;

namespace Spps.Testing;

/// <summary>
/// Mutations that know nothing of the format: bit flips, odd bytes, insertions, deletions, truncation where a token
/// ends, splices of two valid files, numbers made extreme, and plain garbage.
/// </summary>
public static class ByteMutations
{
    // Bytes that end or open tokens in our text formats, and boundary values of binary fields.
    private static readonly byte[] _interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'\n', (byte)'\r', (byte)';', (byte)',', (byte)'"',
        (byte)'\'', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)'-', (byte)'&', (byte)'#', (byte)'$', (byte)'@', (byte)'<', (byte)'>', (byte)'%'];

    private static readonly string[] _numbers = ["0", "-1", "1", "255", "256", "65535", "65536", "2147483647", "2147483648", "4294967296",
        "9223372036854775808", "99999999999999999999999", "1e308", "-0", "00000000000000000001"];

    public static IReadOnlyList<Mutation> All { get; } =
    [
        new("flip bits", FlipBits),
        new("odd byte", OddByte),
        new("insert bytes", InsertBytes),
        new("delete range", DeleteRange),
        new("duplicate range", DuplicateRange),
        new("truncate at a token end", TruncateAtToken),
        new("truncate anywhere", (random, input, _) => input[..random.Next(input.Length + 1)]),
        new("splice two seeds", Splice),
        new("extreme number", ExtremeNumber),
    ];

    public static Mutation Garbage { get; } = new("random garbage", (random, _, _) =>
    {
        var bytes = new byte[random.Next(0, 2048)];
        random.NextBytes(bytes);
        return bytes;
    });

    private static byte[] FlipBits(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var output = input.ToArray();
        for (var n = random.Next(1, 9); n > 0 && output.Length > 0; n--)
        {
            output[random.Next(output.Length)] ^= (byte)(1 << random.Next(8));
        }

        return output;
    }

    private static byte[] OddByte(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var output = input.ToArray();
        if (output.Length > 0)
        {
            output[random.Next(output.Length)] = _interesting[random.Next(_interesting.Length)];
        }

        return output;
    }

    private static byte[] InsertBytes(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var inserted = new byte[random.Next(1, 64)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(inserted);
        }
        else
        {
            Array.Fill(inserted, _interesting[random.Next(_interesting.Length)]);
        }

        var at = random.Next(input.Length + 1);
        return [.. input[..at], .. inserted, .. input[at..]];
    }

    private static byte[] DeleteRange(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var (start, length) = Range(random, input.Length);
        return [.. input[..start], .. input[(start + length)..]];
    }

    private static byte[] DuplicateRange(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var (start, length) = Range(random, input.Length);
        var at = random.Next(input.Length + 1);
        return [.. input[..at], .. input.AsSpan(start, length), .. input[at..]];
    }

    private static byte[] TruncateAtToken(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var ends = Enumerable.Range(0, input.Length).Where(i => Array.IndexOf(_interesting, input[i]) >= 0).ToList();
        if (ends.Count == 0)
        {
            return input[..random.Next(input.Length + 1)];
        }

        var end = ends[random.Next(ends.Count)];
        return input[..(end + random.Next(2))];
    }

    private static byte[] Splice(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var other = seeds[random.Next(seeds.Count)];
        return [.. input[..random.Next(input.Length + 1)], .. other[random.Next(other.Length + 1)..]];
    }

    // A run of ASCII digits replaced by a number at or beyond some limit: sizes, counts, lengths, versions.
    private static byte[] ExtremeNumber(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var starts = Enumerable.Range(0, input.Length).Where(i => char.IsAsciiDigit((char)input[i]) && (i == 0 || !char.IsAsciiDigit((char)input[i - 1]))).ToList();
        if (starts.Count == 0)
        {
            return input;
        }

        var start = starts[random.Next(starts.Count)];
        var end = start;
        while (end < input.Length && char.IsAsciiDigit((char)input[end]))
        {
            end++;
        }

        return [.. input[..start], .. Encoding.ASCII.GetBytes(_numbers[random.Next(_numbers.Length)]), .. input[end..]];
    }

    private static (int Start, int Length) Range(Random random, int size)
    {
        if (size == 0)
        {
            return (0, 0);
        }

        var start = random.Next(size);
        var length = random.Next(1, Math.Min(size - start, random.Next(2) == 0 ? 16 : 4096) + 1);
        return (start, length);
    }
}
