using Spps.Formats.Dat;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests;

/// <summary>The CRCs of .dat (KERMIT) and STAPL files, computed many bytes at a time, against their bit-by-bit definition.</summary>
public class CrcTests
{
    // Every length up to a few slices, so each split between whole 16-byte steps and the bytes left over is met.
    public static TheoryData<int> Lengths() => [.. Enumerable.Range(0, 50), 255, 256, 4097];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Kermit_is_the_reflected_crc16_from_zero(int length)
    {
        var data = Data(length);
        Assert.Equal(Definition(0, data), KermitCrc.Compute(data));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void X25_is_the_complemented_reflected_crc16_from_ones_without_carriage_returns(int length)
    {
        var data = Data(length);
        for (var i = 0; i < data.Length; i += 7)
        {
            data[i] = (byte)'\r';
        }

        Assert.Equal((ushort)~Definition(0xFFFF, [.. data.Where(value => value != '\r')]), StaplCrc.Compute(data));
    }

    [Fact]
    public void Appending_in_pieces_gives_the_crc_of_the_whole()
    {
        var data = Data(1000);
        var crc = new StaplCrc();
        for (var offset = 0; offset < data.Length; offset += 37)
        {
            crc.Append(data.AsSpan(offset, Math.Min(37, data.Length - offset)));
        }

        Assert.Equal(StaplCrc.Compute(data), crc.Value);
        Assert.Equal(KermitCrc.Compute(data), KermitCrc.Update(KermitCrc.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }

    private static byte[] Data(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }

    // CRC-16 with the reflected polynomial 0x8408, one bit at a time, as the formats define it.
    private static ushort Definition(ushort crc, byte[] data)
    {
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }
}
