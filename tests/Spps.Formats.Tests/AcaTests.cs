using System.Text;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests;

public class AcaTests
{
    private const string Sample = "stapl/M2GL025_1_base.stp";

    /// <summary>The characters after "BOOLEAN DATASTREAM[n] = @" up to ";", whitespace removed, and n.</summary>
    private static (string Characters, int Bits) SampleDatastream()
    {
        var text = File.ReadAllText(Samples.Require(Sample));
        var start = text.IndexOf("BOOLEAN DATASTREAM[", StringComparison.Ordinal);
        var close = text.IndexOf(']', start);
        var bits = int.Parse(text[(start + 19)..close], System.Globalization.CultureInfo.InvariantCulture);
        var at = text.IndexOf('@', close);
        var end = text.IndexOf(';', at);
        var characters = new StringBuilder(end - at);
        foreach (var c in text.AsSpan(at + 1, end - at - 1))
        {
            if (!char.IsWhiteSpace(c))
            {
                characters.Append(c);
            }
        }

        return (characters.ToString(), bits);
    }

    [SkippableFact]
    public void Decodes_the_real_datastream_to_its_declared_size_and_reencodes_it_byte_for_byte()
    {
        var (characters, bits) = SampleDatastream();
        var data = Aca.Decode(characters);
        Assert.Equal((bits + 7) / 8, data.Length);
        Assert.Equal(characters, Aca.Encode(data));
    }

    [SkippableFact]
    public void The_real_file_s_crc_is_reproduced()
    {
        var sample = Samples.Require(Sample);
        var bytes = File.ReadAllBytes(sample);
        var text = Encoding.ASCII.GetString(bytes);
        var crcAt = text.LastIndexOf("CRC ", StringComparison.Ordinal);
        Assert.Equal(text.Substring(crcAt + 4, 4), StaplCrc.Compute(bytes.AsSpan(0, crcAt)).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_crc_is_crc16_x25_and_ignores_carriage_returns()
    {
        Assert.Equal(0x906E, StaplCrc.Compute("123456789"u8));
        Assert.Equal(StaplCrc.Compute("A;\nB;\n"u8), StaplCrc.Compute("A;\r\nB;\r\n"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(5000)]
    [InlineData(70000)]
    public void Round_trips_random_repetitive_and_empty_data(int length)
    {
        var random = new Random(length);
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)(i % 7 == 0 ? 0 : data[Math.Max(0, i - 1 - random.Next(Math.Min(i + 1, 40)))]);
        }

        Assert.Equal(data, Aca.Decode(Aca.Encode(data)));
    }

    // Around the lengths where the encoder stops reading the first part in place (the reach of a match, 259 bytes, and
    // the window behind it), with matches across the junction.
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(258)]
    [InlineData(259)]
    [InlineData(260)]
    [InlineData(8450)]
    [InlineData(8451)]
    [InlineData(40000)]
    public void Data_in_two_parts_compresses_as_the_joined_array_does(int length)
    {
        var random = new Random(length);
        var data = new byte[length + 512];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = i % 1000 < 600 ? (byte)random.Next(256) : (byte)(i % 5); // noise, then runs that continue into the second part
        }

        var characters = new Characters();
        AcaEncoder.Encode(data.AsSpan(0, length), data.AsSpan(length), characters);

        Assert.Equal(Aca.Encode(data), Encoding.ASCII.GetString(characters.Written.ToArray()));
    }

    private sealed class Characters : ICharacterSink
    {
        public List<byte> Written { get; } = [];

        public void Write(ReadOnlySpan<byte> characters) => Written.AddRange(characters);
    }

    [Fact]
    public void Runs_compress_with_back_references_and_random_data_stays_literal()
    {
        var zeros = new byte[100_000];
        // 3 literal bytes, then runs of 255 bytes at offset 3 or less: 22 bits per 255 bytes.
        Assert.True(Aca.Encode(zeros).Length < 100_000 / 255 * 22 / 6 + 20);
        var noise = new byte[3000];
        new Random(5).NextBytes(noise);
        // 1 flag bit + 24 data bits per 3 bytes, plus the 32-bit length.
        Assert.Equal((32 + 1000 * 25 + 5) / 6, Aca.Encode(noise).Length);
    }

    [Theory]
    [InlineData("", "the compressed data ends before its declared length is reached")]
    [InlineData("10", "the compressed data ends before its declared length is reached")]
    [InlineData("a0000!", "'!' is not a 6-bit character")]
    [InlineData("000001", "the stream claims 1073741824 bytes, more than its 6 characters can hold")] // 2^30, refused before it is allocated
    public void Broken_streams_are_refused_clearly(string characters, string message) =>
        Assert.Equal(message, Assert.Throws<AcaFormatException>(() => Aca.Decode(characters)).Message);

    [Fact]
    public void A_back_reference_before_the_start_is_refused()
    {
        // length 4, then a match token with offset 1 at position 0 (1 offset bit) and length 4.
        var bits = new List<int>();
        void Write(uint value, int count)
        {
            for (var b = 0; b < count; b++)
            {
                bits.Add((int)((value >> b) & 1));
            }
        }

        Write(4, 32);
        Write(1, 1);
        Write(1, 1);
        Write(4, 8);
        while (bits.Count % 6 != 0)
        {
            bits.Add(0);
        }

        var characters = string.Concat(Enumerable.Range(0, bits.Count / 6).Select(k => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_@"[Enumerable.Range(0, 6).Sum(b => bits[k * 6 + b] << b)]));
        Assert.Equal("a back-reference at byte 0 points 1 bytes back", Assert.Throws<AcaFormatException>(() => Aca.Decode(characters)).Message);
    }
}
