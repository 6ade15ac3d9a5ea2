using Spps.Formats.Jobs;

namespace Spps.EndToEnd.Tests;

public sealed class JobCommandTests : EndToEndTest
{
    [Fact]
    public void A_script_builds_a_chain_reports_it_and_exports_the_job_and_bad_options_are_refused_by_name()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-envm_client", "IMEM:16", "-o", "top.jdc").ExitCode);
        File.WriteAllText(Work("cpld.bsd"),
            "entity CPLD is\n  generic (PHYSICAL_PIN_MAP : string := \"X\");\n  attribute TAP_SCAN_CLOCK of TCK : signal is (1.0e7, BOTH);\n" +
            "  attribute INSTRUCTION_LENGTH of CPLD : entity is 5;\n  attribute INSTRUCTION_OPCODE of CPLD : entity is \"BYPASS (11111)\";\nend CPLD;\n");
        var run = JobManager.Run("-c",
            "new_project -location . -name P\n" +
            "new_prog_data -data_name PD -import_file top.jdc\n" +
            "init_bitstream -data_name PD -bitstream_name M -bitstream_type MASTER\n" +
            "new_prog_job -job_name J -job_type fpexpress\n" +
            "add_non_microsemi_bypass_device -job_name J -device_name CPLD -device_hw_location 1 -file cpld.bsd\n" +
            "add_microsemi_prog_device -job_name J -device_name FPGA -device_hw_location 2 -data_name PD -bitstream_name M\n" +
            "add_microsemi_bypass_device -job_name J -device_name TWIN -device_hw_location 3 -device_type M2GL010\n" +
            "foreach command {\n" +
            "  {new_prog_job -job_name K -job_type Libero}\n" +
            "  {new_prog_job -job_name K -job_type IHP -setup SPI}\n" +
            "  {add_non_microsemi_bypass_device -job_name J -device_name X -device_hw_location 0 -ir 4 -tck 1}\n" +
            "  {add_non_microsemi_bypass_device -job_name J -device_name X -device_hw_location 4 -ir 1 -tck 1}\n" +
            "  {add_microsemi_prog_device -job_name J -device_name X -device_hw_location 4 -bitstream_file nowhere.stp}\n" +
            "} { catch $command message options; puts \"[dict get $options -errorcode]: $message\" }\n" +
            "set facts [report_prog_job -job_name J]\n" +
            "puts \"total [dict get $facts total_ir] tck [dict get $facts max_tck_mhz] devices [llength [dict get $facts devices]]\"\n" +
            "puts [export_prog_job -job_name J -location out -name board]\n" +
            "close_project -save TRUE\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        Assert.Contains("SPPS BADVALUE -job_type Libero: job_type: Invalid argument value: 'Libero' (expecting IHP, FPExpress or SDebug).", run.Stdout);
        Assert.Contains("SPPS BADVALUE -setup SPI: setup: Invalid argument value: 'SPI' (expecting JTAG_CHAIN).", run.Stdout);
        Assert.Contains("device_hw_location: Invalid argument value: '0' (expecting an integer from 1 to 1024).", run.Stdout);
        Assert.Contains("ir: Invalid argument value: '1' (expecting an integer from 2 to 32).", run.Stdout);
        Assert.Contains("SPPS NOFILE -bitstream_file nowhere.stp: Parameter 'bitstream_file': the file 'nowhere.stp' does not exist.", run.Stdout);
        Assert.Contains("Chain:  3 devices, TDI to TDO; total IR length 21 bits, highest TCK 10 MHz", run.Stdout);
        Assert.Contains("2    FPGA    target                M2S010   8   30       8       5        1       1        PD/M", run.Stdout);
        Assert.Contains("total 21 tck 10 devices 3", run.Stdout);

        using var stream = File.OpenRead(Work("out", "board.job"));
        var job = JobContainerFile.Read(stream, "board.job");
        Assert.Equal(["FPGA_2.stp", "P.pro", "XML"], job.Members.Select(member => member.Entry.Name));
        Assert.Equal(["CPLD", "FPGA", "TWIN"], JobDescriptionXml.Read(job.Members[2].Content, "XML").Devices.Select(device => device.DeviceName));
    }

    [Fact]
    public void A_bsdl_file_without_tap_scan_clock_is_enough_and_the_report_shows_the_device_sets_no_limit()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-o", "top.jdc").ExitCode);
        File.WriteAllText(Work("cpld.bsd"),
            "entity CPLD is\n  attribute INSTRUCTION_LENGTH of CPLD : entity is 5;\n  attribute INSTRUCTION_OPCODE of CPLD : entity is \"BYPASS (11111)\";\nend CPLD;\n");
        var run = JobManager.Run("-c",
            "new_project -location . -name P\n" +
            "new_prog_data -data_name PD -import_file top.jdc\n" +
            "init_bitstream -data_name PD -bitstream_name M -bitstream_type MASTER\n" +
            "new_prog_job -job_name J -job_type FPExpress\n" +
            "add_non_microsemi_bypass_device -job_name J -device_name CPLD -device_hw_location 1 -file cpld.bsd\n" +
            "add_microsemi_prog_device -job_name J -device_name FPGA -device_hw_location 2 -data_name PD -bitstream_name M\n" +
            "set facts [report_prog_job -job_name J]\n" +
            "puts \"max [dict get $facts max_tck_mhz] cpld {[dict get [lindex [dict get $facts devices] 0] tck_mhz]}\"\n" +
            "export_prog_job -job_name J -location out -name board\n" +
            "close_project -save TRUE\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Warning: The BSDL file 'cpld.bsd' gives no highest TCK (no TAP_SCAN_CLOCK attribute): device 'CPLD' does not limit the chain's TCK. Give -tck <MHz> if it has a limit.\n", run.Stderr);
        Assert.Contains("Info: Added non-Microchip bypass device 'CPLD' (CPLD) at location 1 of job 'J': IR length 5, no highest TCK.", run.Stdout);
        Assert.Contains("Chain:  2 devices, TDI to TDO; total IR length 13 bits, highest TCK 30 MHz", run.Stdout);
        Assert.Contains("1    CPLD    non-Microchip bypass  CPLD    5   no limit  8", run.Stdout);
        Assert.Contains("max 30 cpld {}", run.Stdout);
        Assert.True(File.Exists(Work("out", "board.job")));
    }
}
