namespace Spps.EndToEnd.Tests;

public sealed class SpiDirectoryTests : EndToEndTest
{
    [Theory]
    [InlineData("-golden_ver {123} -golden_addr {0xabc} -update_ver {456} -update_addr {0xdef}", "BC0A00007B00EF0D0000C801")]
    [InlineData("-update_ver {456} -update_addr {0xdef}", "000000000000EF0D0000C801")]
    [InlineData("-golden_ver 65535 -golden_addr 0XFFFFFFFF", "FFFFFFFFFFFF000000000000")]
    public void Writes_the_12_byte_little_endian_directory_without_a_project(string options, string hex)
    {
        var run = JobManager.Run("-c", $"export_spi_directory {options} -file out/dev.spidir");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Info: Wrote the SPI directory", run.Stdout);
        Assert.Equal(hex, Convert.ToHexString(File.ReadAllBytes(Work("out", "dev.spidir"))));
    }

    [Theory]
    [InlineData("-golden_ver 1", "-golden_ver and -golden_addr go together: give -golden_addr too.")]
    [InlineData("-update_addr 0x10", "-update_ver and -update_addr go together: give -update_ver too.")]
    [InlineData("", "Give the golden image (-golden_ver and -golden_addr), the update image (-update_ver and -update_addr), or both.")]
    [InlineData("-golden_ver 65536 -golden_addr 0x0", "golden_ver: Invalid argument value: '65536' (expecting a decimal value less than 65536, or an SPI file).")]
    [InlineData("-golden_ver v1 -golden_addr 0x0", "golden_ver: Invalid argument value: 'v1' (expecting a decimal value less than 65536, or an existing SPI file).")]
    [InlineData("-golden_ver 1 -golden_addr 400", "golden_addr: Invalid argument value: '400' (expecting a 32-bit hexadecimal value with prefix 0x or 0X, such as 0x400).")]
    [InlineData("-golden_ver 1 -golden_addr 0x123456789", "golden_addr: Invalid argument value: '0x123456789' (expecting a 32-bit hexadecimal value with prefix 0x or 0X, such as 0x400).")]
    public void Refuses_incomplete_pairs_and_bad_values_and_writes_nothing(string options, string message)
    {
        var run = JobManager.Run("-c", $"export_spi_directory {options} -file dev.spidir");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: " + message, run.Stderr);
        Assert.False(File.Exists(Work("dev.spidir")));
    }

    [Fact]
    public void Replacing_an_existing_file_says_so()
    {
        File.WriteAllText(Work("dev.spidir"), "old");
        var run = JobManager.Run("-c", "export_spi_directory -golden_ver 1 -golden_addr 0x400 -file dev.spidir");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Warning: Replacing the existing file '{Work("dev.spidir")}'.\n", run.Stderr);
        Assert.Equal(12, File.ReadAllBytes(Work("dev.spidir")).Length);
    }

    [Fact]
    public void A_version_from_an_spi_file_is_not_read_yet_and_says_so()
    {
        File.WriteAllBytes(Work("golden.spi"), [1, 2, 3]);
        var run = JobManager.Run("-c", "export_spi_directory -golden_ver golden.spi -golden_addr 0xa -file dev.spidir");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("needs the SPI bitstream format, which this version of the Job Manager does not read yet", run.Stderr);
        Assert.False(File.Exists(Work("dev.spidir")));
    }
}
