using System.Globalization;

namespace Spps.Formats.Memory;

/// <summary>
/// Intel HEX with every record type: 00 data, 01 end of file, 02 extended segment address, 03 start segment address,
/// 04 extended linear address, 05 start linear address. Checksums are checked; the start addresses carry no data.
/// </summary>
internal static class IntelHexReader
{
    public static MemoryImage Read(TextReader text, string path)
    {
        var image = new MemoryImage();
        long upper = 0;
        var ended = false;
        var number = 0;
        foreach (var (lineNumber, line) in NumberedLines.Read(text))
        {
            number = lineNumber;
            if (ended)
            {
                throw new MemoryFileException(path, number, "there is a record after the end-of-file record");
            }

            var bytes = RecordBytes(line, path, number);
            var length = bytes[0];
            if (bytes.Length != length + 5)
            {
                throw new MemoryFileException(path, number, $"the record says {length} data bytes but has {bytes.Length - 5}");
            }

            var sum = 0;
            foreach (var value in bytes)
            {
                sum += value;
            }

            if ((sum & 0xFF) != 0)
            {
                var expected = (byte)(0x100 - ((sum - bytes[^1]) & 0xFF));
                throw new MemoryFileException(path, number, $"the checksum is 0x{bytes[^1]:X2}, it should be 0x{expected:X2}");
            }

            var offset = (bytes[1] << 8) | bytes[2];
            var data = bytes.AsSpan(4, length);
            switch (bytes[3])
            {
                case 0x00:
                    image.Add(upper + offset, data, path, number);
                    break;
                case 0x01:
                    ended = true;
                    break;
                case 0x02:
                    upper = (long)RequireLength(data, 2, "extended segment address", path, number) * 16;
                    break;
                case 0x04:
                    upper = (long)RequireLength(data, 2, "extended linear address", path, number) << 16;
                    break;
                case 0x03 or 0x05:
                    RequireLength(data, 4, "start address", path, number);
                    break;
                default:
                    throw new MemoryFileException(path, number, $"record type 0x{bytes[3]:X2} is not an Intel HEX record type (expecting 00 to 05)");
            }
        }

        return ended ? image : throw new MemoryFileException(path, number, "the file has no end-of-file record (type 01)");
    }

    private static byte[] RecordBytes(string line, string path, int number)
    {
        if (line[0] != ':')
        {
            throw new MemoryFileException(path, number, "an Intel HEX record starts with ':'");
        }

        var hex = line[1..];
        var bytes = new byte[hex.Length / 2];
        if (hex.Length < 10 || hex.Length % 2 != 0 || Convert.FromHexString(hex, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new MemoryFileException(path, number, "the record is not an even number (at least 10) of hexadecimal digits after ':'");
        }

        return bytes;
    }

    private static int RequireLength(ReadOnlySpan<byte> data, int length, string what, string path, int number)
    {
        if (data.Length != length)
        {
            throw new MemoryFileException(path, number, $"an {what} record has {length} data bytes, not {data.Length.ToString(CultureInfo.InvariantCulture)}");
        }

        var value = 0;
        foreach (var b in data)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
