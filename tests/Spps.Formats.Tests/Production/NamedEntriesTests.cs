using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class NamedEntriesTests
{
    [Fact]
    public void Entries_read_back_in_order()
    {
        using var entries = new NamedEntries();
        entries.Add("KIP", [1, 2, 3]);
        entries.AddText("TYPE", "MASTER");
        entries.Add("EMPTY", []);
        using var read = NamedEntries.Read(entries.Encode(), "entries");

        Assert.Equal(["KIP", "TYPE", "EMPTY"], read.Names);
        Assert.Equal([1, 2, 3], read.Value("KIP"));
        Assert.Equal("MASTER", read.Text("TYPE"));
        Assert.Empty(read.Value("EMPTY")!);
        Assert.Null(read.Value("UEK1"));
        Assert.Equal(entries.Encode(), read.Encode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("A B")]
    [InlineData("KIP")]
    public void A_name_empty_unprintable_or_given_twice_is_not_added(string name)
    {
        using var entries = new NamedEntries();
        entries.Add("KIP", [1]);

        Assert.Throws<ArgumentException>(() => entries.Add(name, [2]));
    }

    [Theory]
    [InlineData("00")]                                 // shorter than its count
    [InlineData("0001034B495000")]                     // the value's length is cut
    [InlineData("0001034B49500002AA")]                 // the value runs beyond the end
    [InlineData("0001034B49500001AABB")]               // a byte after the last entry
    [InlineData("0002034B49500001AA")]                 // a second entry is missing
    [InlineData("0002034B49500001AA034B49500001BB")]   // KIP twice
    [InlineData("0001034B2050000101")]                 // a name with a space
    [InlineData("00010000020101")]                     // no name
    public void Anything_but_the_exact_encoding_is_refused(string hex)
    {
        var error = Assert.Throws<ProductionFormatException>(() => NamedEntries.Read(Convert.FromHexString(hex), "entries"));
        Assert.StartsWith("entries:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_smallest_encoding_reads()
    {
        using var read = NamedEntries.Read(Convert.FromHexString("0001034B49500001AA"), "entries");

        Assert.Equal([0xAA], read.Value("KIP"));
    }
}
