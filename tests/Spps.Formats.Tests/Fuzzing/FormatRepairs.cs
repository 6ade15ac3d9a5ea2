using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Spps.Formats.Dat;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests.Fuzzing;

/// <summary>
/// Makes a mutated file pass the integrity checks its reader makes first (CRC, size field, record checksums), so the
/// fuzzing reaches the checks behind them. Each repair is what a careless tool or a deliberate forger would do.
/// </summary>
public static class FormatRepairs
{
    /// <summary>The last <c>CRC xxxx</c> statement gets the CRC of the text before it.</summary>
    public static byte[] StaplCrc(byte[] bytes)
    {
        var at = bytes.AsSpan().LastIndexOf("CRC "u8);
        if (at < 0 || at + 8 > bytes.Length)
        {
            return bytes;
        }

        var output = bytes.ToArray();
        Encoding.ASCII.GetBytes(Stapl.StaplCrc.Compute(output.AsSpan(0, at)).ToString("X4", CultureInfo.InvariantCulture), output.AsSpan(at + 4));
        return output;
    }

    /// <summary>The header's size field and the closing CRC-16/KERMIT match the bytes.</summary>
    public static byte[] DatSizeAndCrc(byte[] bytes)
    {
        if (bytes.Length < 29)
        {
            return bytes;
        }

        var output = bytes.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(25), (uint)output.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(output.Length - 2), KermitCrc.Compute(output.AsSpan(0, output.Length - 2)));
        return output;
    }

    /// <summary>Every record of hex digits gets its length byte and checksum right (Intel HEX: the sum is 0).</summary>
    public static byte[] IntelHexChecksums(byte[] bytes) => EachRecord(bytes, ':', record =>
    {
        record[0] = (byte)(record.Length - 5);
        record[^1] = (byte)-record[..^1].Sum(value => value);
    });

    /// <summary>Every S-record gets its byte count and checksum right (the ones' complement of the sum).</summary>
    public static byte[] SRecordChecksums(byte[] bytes) => EachRecord(bytes, 'S', record =>
    {
        record[0] = (byte)(record.Length - 1);
        record[^1] = (byte)~record[..^1].Sum(value => value);
    }, typeDigit: true);

    private static byte[] EachRecord(byte[] bytes, char start, Action<byte[]> fix, bool typeDigit = false)
    {
        var lines = Encoding.Latin1.GetString(bytes).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var digits = typeDigit ? 2 : 1;
            if (line.Length < digits + 4 || line[0] != start || (line.Length - digits) % 2 != 0 || !line[digits..].All(char.IsAsciiHexDigit))
            {
                continue;
            }

            var record = Convert.FromHexString(line[digits..]);
            fix(record);
            lines[i] = line[..digits] + Convert.ToHexString(record) + (lines[i].EndsWith('\r') ? "\r" : string.Empty);
        }

        return Encoding.Latin1.GetBytes(string.Join('\n', lines));
    }
}
