using Spps.Tcl.Native;

namespace Spps.Tcl.Tests;

public class TclModifiedUtf8Tests
{
    [Theory]
    [InlineData("plain ascii")]
    [InlineData("a\0b\0")]
    [InlineData("Grüße, 日本語")]
    [InlineData("emoji 😀 and 𝄞")]
    [InlineData("")]
    public void Round_trips_any_string(string text) =>
        Assert.Equal(text, TclModifiedUtf8.Decode(TclModifiedUtf8.Encode(text)));

    [Fact]
    public void Encodes_nul_as_c0_80_so_no_zero_byte_remains() =>
        Assert.Equal(new byte[] { 0x61, 0xC0, 0x80, 0x62 }, TclModifiedUtf8.Encode("a\0b"));

    [Fact]
    public void Encodes_characters_beyond_the_bmp_as_two_three_byte_surrogates() =>
        Assert.Equal(new byte[] { 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80 }, TclModifiedUtf8.Encode("😀"));

    [Fact]
    public void Decodes_standard_four_byte_utf8_too() =>
        Assert.Equal("😀", TclModifiedUtf8.Decode([0xF0, 0x9F, 0x98, 0x80]));

    [Fact]
    public void Reads_a_stray_byte_as_the_character_of_that_value_like_tcl() =>
        Assert.Equal("a\u00FFb", TclModifiedUtf8.Decode([0x61, 0xFF, 0x62]));

    [Fact]
    public void Reads_a_truncated_sequence_byte_by_byte() =>
        Assert.Equal("\u00E2\u0082", TclModifiedUtf8.Decode([0xE2, 0x82]));
}
