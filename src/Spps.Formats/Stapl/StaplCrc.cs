namespace Spps.Formats.Stapl;

/// <summary>
/// The STAPL <c>CRC</c> statement's value: CRC-16/X-25 (reflected polynomial 0x8408, initial 0xFFFF, final ones'
/// complement) over the file up to and including the whitespace just before the <c>CRC</c> keyword, skipping every
/// CR byte, so CRLF and LF files give the same value. Bytes can be added as they are written.
/// </summary>
public sealed class StaplCrc
{
    private ushort _crc = 0xFFFF;

    public ushort Value => (ushort)~_crc;

    public void Append(ReadOnlySpan<byte> text)
    {
        // The text between CR bytes goes to the CRC in runs, which the CRC takes many bytes at a time.
        var crc = _crc;
        int carriageReturn;
        while ((carriageReturn = text.IndexOf((byte)'\r')) >= 0)
        {
            crc = Crc16Reflected.Update(crc, text[..carriageReturn]);
            text = text[(carriageReturn + 1)..];
        }

        _crc = Crc16Reflected.Update(crc, text);
    }

    public static ushort Compute(ReadOnlySpan<byte> text)
    {
        var crc = new StaplCrc();
        crc.Append(text);
        return crc.Value;
    }
}
