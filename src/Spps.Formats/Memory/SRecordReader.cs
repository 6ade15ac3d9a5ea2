namespace Spps.Formats.Memory;

/// <summary>
/// Motorola S-records: S0 header, S1/S2/S3 data with 16/24/32-bit addresses, S5/S6 record counts (checked), S7/S8/S9
/// termination. Checksums are checked.
/// </summary>
internal static class SRecordReader
{
    public static MemoryImage Read(TextReader text, string path)
    {
        var image = new MemoryImage();
        var dataRecords = 0;
        var terminated = false;
        var number = 0;
        foreach (var (lineNumber, line) in NumberedLines.Read(text))
        {
            number = lineNumber;
            if (terminated)
            {
                throw new MemoryFileException(path, number, "there is a record after the termination record");
            }

            if (line.Length < 4 || line[0] is not ('S' or 's') || !char.IsAsciiDigit(line[1]))
            {
                throw new MemoryFileException(path, number, "an S-record starts with 'S' and a digit");
            }

            var hex = line[2..];
            if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
            {
                throw new MemoryFileException(path, number, "the record is not an even number of hexadecimal digits after its type");
            }

            var bytes = Convert.FromHexString(hex);
            if (bytes.Length < 1 || bytes[0] != bytes.Length - 1)
            {
                throw new MemoryFileException(path, number, $"the byte count {(bytes.Length > 0 ? bytes[0] : 0)} does not match the {Math.Max(0, bytes.Length - 1)} bytes that follow");
            }

            var expected = (byte)~(bytes[..^1].Aggregate(0, (total, value) => total + value) & 0xFF);
            if (bytes[^1] != expected)
            {
                throw new MemoryFileException(path, number, $"the checksum is 0x{bytes[^1]:X2}, it should be 0x{expected:X2}");
            }

            var type = line[1];
            var addressBytes = type switch
            {
                '0' or '1' or '5' or '9' => 2,
                '2' or '6' or '8' => 3,
                '3' or '7' => 4,
                _ => throw new MemoryFileException(path, number, $"S{type} is not an S-record type (expecting S0 to S3 or S5 to S9)"),
            };
            if (bytes.Length < addressBytes + 2)
            {
                throw new MemoryFileException(path, number, $"an S{type} record needs a {addressBytes}-byte address");
            }

            var address = bytes[1..(1 + addressBytes)].Aggregate(0L, (value, b) => (value << 8) | b);
            switch (type)
            {
                case '1' or '2' or '3':
                    image.Add(address, bytes[(1 + addressBytes)..^1], path, number);
                    dataRecords++;
                    break;
                case '5' or '6' when address != dataRecords:
                    throw new MemoryFileException(path, number, $"the record count says {address} data records, the file has {dataRecords}");
                case '7' or '8' or '9':
                    terminated = true;
                    break;
            }
        }

        return dataRecords > 0 || terminated ? image : throw new MemoryFileException(path, number, "the file has no S-records");
    }
}
