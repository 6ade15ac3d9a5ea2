using Spps.Silicon.Benches;

namespace Spps.Silicon.Tests.Benches;

public class ChainSpecTests
{
    [Fact]
    public void A_chain_names_dies_and_other_makers_devices_from_TDI()
    {
        using var test = new TestBench();
        var chain = ChainSpec.Parse($"mpf300t, bsdl:{test.BsdlFile()} ,M2S025");

        Assert.Equal(["MPF300", "HK_PART", "M2S025"], chain.Select(entry => entry.Name));
        Assert.Equal([true, false, true], chain.Select(entry => entry.IsMicrochip));
    }

    [Fact]
    public void An_unknown_die_is_refused_with_the_closest_names()
    {
        var error = Assert.Throws<BenchException>(() => ChainSpec.Parse("M2S010,M2S011"));
        Assert.Contains("unknown die 'M2S011'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the closest are M2S010", error.Message, StringComparison.Ordinal);
        Assert.Contains(ChainSpec.Accepted, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M2S010,,MPF300T")]
    [InlineData("M2S010,")]
    public void An_empty_device_is_refused(string spec)
    {
        var error = Assert.Throws<BenchException>(() => ChainSpec.Parse(spec));
        Assert.Equal($"--chain '{spec}' has an empty device: expecting {ChainSpec.Accepted}.", error.Message);
    }

    [Fact]
    public void A_missing_or_invalid_BSDL_file_is_refused_naming_it()
    {
        using var test = new TestBench();
        var missing = test.Folder.Combine("missing.bsd");
        Assert.Contains($"the BSDL file '{missing}' cannot be read", Assert.Throws<BenchException>(() => ChainSpec.Parse($"bsdl:{missing}")).Message, StringComparison.Ordinal);

        var invalid = test.Folder.Combine("invalid.bsd");
        File.WriteAllText(invalid, TestBench.Bsdl.Replace("entity is 6;", "entity is six;", StringComparison.Ordinal));
        Assert.Contains($"the BSDL file '{invalid}' is not a valid BSDL file", Assert.Throws<BenchException>(() => ChainSpec.Parse($"M2S010,bsdl:{invalid}")).Message, StringComparison.Ordinal);

        Assert.Contains("'bsdl:' names no file", Assert.Throws<BenchException>(() => ChainSpec.Parse("bsdl:")).Message, StringComparison.Ordinal);
    }
}
