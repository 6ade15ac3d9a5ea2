namespace Spps.Formats.Stapl;

/// <summary>
/// The STAPL <c>CRC</c> statement's value: CRC-16/X-25 (reflected polynomial 0x8408, initial 0xFFFF, final ones'
/// complement) over the file up to and including the whitespace just before the <c>CRC</c> keyword, skipping every
/// CR byte, so CRLF and LF files give the same value.
/// </summary>
public static class StaplCrc
{
    public static ushort Compute(ReadOnlySpan<byte> text)
    {
        ushort crc = 0xFFFF;
        foreach (var value in text)
        {
            if (value == (byte)'\r')
            {
                continue;
            }

            crc = Crc16Reflected.Update(crc, value);
        }

        return (ushort)~crc;
    }
}
