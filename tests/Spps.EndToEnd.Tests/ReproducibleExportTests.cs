namespace Spps.EndToEnd.Tests;

/// <summary>
/// With <c>SOURCE_DATE_EPOCH</c> set, two runs that export the same inputs at different times (and in different time
/// zones) write the same bytes; a malformed value is refused before anything runs.
/// </summary>
public sealed class ReproducibleExportTests : EndToEndTest
{
    private const string Epoch = "1700000000"; // 2023-11-14 22:13:20 UTC
    private const string U = "0e9f1c3a-1111-2222-3333-444455556666";
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    // The project is made afresh at the same place on each run (a .job records its project's folder, as Libero's do).
    // The keyset and the embedded module are the first run's, so the HSM flow seals with the same keys both times.
    private const string ExportScript =
        "set out [lindex $argv 0]\n" +
        "file delete -force P\n" +
        $"set_hsm_params -hsm_server_name local -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir keys\n" +
        "if {![file exists keys/ks]} { create_keyset -file ks }\n" +
        "new_project -location . -name P\n" +
        "new_prog_data -data_name PD -import_file top.jdc\n" +
        "init_bitstream -data_name PD -bitstream_name M -bitstream_type MASTER\n" +
        "export_bitstream_file -data_name PD -bitstream_name M -formats {STAPL DAT SPI} -export_path $out/master\n" +
        "new_prog_job -job_name J -job_type FPExpress\n" +
        "add_microsemi_prog_device -job_name J -device_name FPGA -device_hw_location 1 -data_name PD -bitstream_name M\n" +
        "export_prog_job -job_name J -location $out -name board\n" +
        "new_prog_data -data_name HD -import_file top.jdc -keyset_file ks\n" +
        "init_bitstream -data_name HD -bitstream_name U -bitstream_type UEK1 -features FABRIC\n" +
        "export_bitstream_file -data_name HD -bitstream_name U -formats {STAPL DAT SPI} -export_path $out/update\n" +
        "export_spi_directory -golden_ver 1 -golden_addr 0x400 -update_ver $out/update.spi -update_addr 0xA00000 -file $out/board.spidir\n" +
        "close_project -save TRUE\n";

    [Fact]
    public void Two_runs_seconds_apart_export_byte_identical_stapl_dat_spi_and_job_files_under_source_date_epoch()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-envm_client", "IMEM:16", "-o", "top.jdc").ExitCode);
        WriteScript("export.tcl", ExportScript);
        JobManager.Environment["SOURCE_DATE_EPOCH"] = Epoch;

        JobManager.Environment["TZ"] = "UTC";
        var first = JobManager.Run("export.tcl", "first");
        Assert.Equal((0, ""), (first.ExitCode, first.Stderr));
        Thread.Sleep(TimeSpan.FromSeconds(2)); // the wall clock moves on: without the variable the times written would differ
        JobManager.Environment["TZ"] = "Asia/Kolkata";
        var second = JobManager.Run("export.tcl", "second");
        Assert.Equal((0, ""), (second.ExitCode, second.Stderr));

        string[] names = ["board.job", "board.spidir", "master.dat", "master.spi", "master.stp", "update.dat", "update.spi", "update.stp"];
        Assert.Equal(names, Directory.GetFiles(Work("first")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(names, Directory.GetFiles(Work("second")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(names, name => Assert.True(File.ReadAllBytes(Work("first", name)).SequenceEqual(File.ReadAllBytes(Work("second", name))), $"{name} differs between the runs"));

        // SOURCE_DATE_EPOCH is UTC, whatever the machine's zone.
        Assert.Contains("NOTE \"DATE\" \"2023/11/14\";", File.ReadAllText(Work("first", "master.stp")));
        Assert.Contains("NOTE \"TIME\" \"22:13:20\";", File.ReadAllText(Work("first", "master.stp")));
        Assert.Contains("\nTue Nov 14 22:13:20 2023\n", File.ReadAllText(Work("first", "board.job"), System.Text.Encoding.Latin1));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("1700000000.5")]
    [InlineData("99999999999999999999")]
    public void A_malformed_source_date_epoch_is_refused_naming_the_value_and_nothing_runs(string value)
    {
        JobManager.Environment["SOURCE_DATE_EPOCH"] = value;
        var run = JobManager.Run("-c", "new_project -location . -name P");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"jobmanager: {MalformedMessage(value)}\n", run.Stderr);
        Assert.False(Directory.Exists(Work("P")));

        var jdc = JdcGenProgram.Run(Work(), new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = value }, "-die", "M2S010", "-design", "Top", "-version", "1", "-o", "top.jdc");
        Assert.Equal((2, $"jdcgen: {MalformedMessage(value)}\n"), (jdc.ExitCode, jdc.Stderr));
        Assert.False(File.Exists(Work("top.jdc")));
    }

    [Fact]
    public void Jdcgen_writes_the_same_bytes_twice_under_source_date_epoch()
    {
        var environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = Epoch };
        Assert.Equal(0, JdcGenProgram.Run(Work(), environment, "-die", "M2S010", "-design", "Top", "-version", "1", "-o", "a.jdc").ExitCode);
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Assert.Equal(0, JdcGenProgram.Run(Work(), environment, "-die", "M2S010", "-design", "Top", "-version", "1", "-o", "b.jdc").ExitCode);
        Assert.True(File.ReadAllBytes(Work("a.jdc")).SequenceEqual(File.ReadAllBytes(Work("b.jdc"))), "the two JDC files differ");
    }

    private static string MalformedMessage(string value) =>
        $"SOURCE_DATE_EPOCH: Invalid value '{value}' (expecting a whole number of seconds since 1970-01-01 00:00:00 UTC, " +
        "from 0 to 253402300799, as 'date +%s' prints it; or leave the variable unset).";
}
