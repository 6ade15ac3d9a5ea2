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
    public void A_version_can_be_read_from_an_exported_spi_file()
    {
        JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Golden", "-version", "42", "-o", "g.jdc");
        var export = JobManager.Run("-c",
            "new_project -location . -name P; new_prog_data -data_name PD -import_file g.jdc\n" +
            "init_bitstream -data_name PD -bitstream_name TF -bitstream_type TRUSTED_FACILITY\n" +
            "export_bitstream_file -data_name PD -bitstream_name TF -formats SPI -export_path out/golden; close_project -save TRUE");
        Assert.Equal(0, export.ExitCode);
        var run = JobManager.Run("-c", "export_spi_directory -golden_ver out/golden.spi -golden_addr 0xa -file dev.spidir");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0A0000002A00000000000000", Convert.ToHexString(File.ReadAllBytes(Work("dev.spidir"))));
    }

    [Fact]
    public void A_file_that_is_not_an_spi_file_is_refused()
    {
        File.WriteAllBytes(Work("golden.spi"), [1, 2, 3]);
        var run = JobManager.Run("-c", "export_spi_directory -golden_ver golden.spi -golden_addr 0xa -file dev.spidir");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: golden_ver: the file 'golden.spi' is not an SPI file of this Job Manager: the data is not an SPPS bitstream", run.Stderr);
        Assert.False(File.Exists(Work("dev.spidir")));
    }
}
