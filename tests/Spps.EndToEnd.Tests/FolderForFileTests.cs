namespace Spps.EndToEnd.Tests;

/// <summary>A folder given where a file is expected is called a folder, by every command that takes a file.</summary>
public sealed class FolderForFileTests : EndToEndTest
{
    [Fact]
    public void Every_file_option_says_it_was_given_a_folder()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-envm_client", "IMEM:16", "-o", "top.jdc").ExitCode);
        Directory.CreateDirectory(Work("dir"));
        Directory.CreateDirectory(Work("keys", "sub"));
        var run = JobManager.Run("-c",
            "set_hsm_params -hsm_server_name local -u_hsm_uuid 0e9f1c3a-1111-2222-3333-444455556666 -u_master_hsm_uuid aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee -hsm_key_set_dir keys\n" +
            "new_project -location . -name P\n" +
            "new_prog_data -data_name PD -import_file top.jdc\n" +
            "new_prog_job -job_name J -job_type FPExpress\n" +
            "foreach command {\n" +
            "  {open_project -project dir}\n" +
            "  {new_prog_data -data_name X -import_file dir}\n" +
            "  {new_prog_data -data_name X -import_file top.jdc -keyset_file sub}\n" +
            "  {set_security_overwrite -data_name PD -file dir}\n" +
            "  {set_envm_update -data_name PD -client_name IMEM -file dir}\n" +
            "  {set_snvm_update -data_name PD -client_name IMEM -file dir}\n" +
            "  {create_keyset -file copy -source_file sub}\n" +
            "  {report_keyset -file sub}\n" +
            "  {add_microsemi_prog_device -job_name J -device_name T -device_hw_location 1 -bitstream_file dir}\n" +
            "  {add_microsemi_bypass_device -job_name J -device_name B -device_hw_location 2 -bitstream_file dir}\n" +
            "  {add_non_microsemi_bypass_device -job_name J -device_name O -device_hw_location 3 -file dir}\n" +
            "} { catch $command message options; puts \"[dict get $options -errorcode]: $message\" }\n" +
            "close_project -save FALSE\n");
        Assert.Equal(0, run.ExitCode);
        var keysetFolder = Path.Combine(Work("keys"), "sub");
        var lines = run.Stdout.Split('\n').Where(line => line.StartsWith("SPPS ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "SPPS NOTAFILE -project dir: Parameter 'project': 'dir' is a folder; expecting a file.",
            "SPPS NOTAFILE -import_file dir: Parameter 'import_file': 'dir' is a folder; expecting a file.",
            $"SPPS NOTAFILE -keyset_file {keysetFolder}: Parameter 'keyset_file': '{keysetFolder}' in the keyset repository is a folder; expecting a keyset file.",
            "SPPS NOTAFILE -file dir: Parameter 'file': 'dir' is a folder; expecting a file.",
            "SPPS NOTAFILE -file dir: Parameter 'file': 'dir' is a folder; expecting a file.",
            "SPPS NOTAFILE -file dir: Parameter 'file': 'dir' is a folder; expecting a file.",
            $"SPPS NOTAFILE -source_file {keysetFolder}: Parameter 'source_file': '{keysetFolder}' in the keyset repository is a folder; expecting a keyset file.",
            $"SPPS NOTAFILE -file {keysetFolder}: Parameter 'file': '{keysetFolder}' in the keyset repository is a folder; expecting a keyset file.",
            "SPPS NOTAFILE -bitstream_file dir: Parameter 'bitstream_file': 'dir' is a folder; expecting a file.",
            "SPPS NOTAFILE -bitstream_file dir: Parameter 'bitstream_file': 'dir' is a folder; expecting a file.",
            "SPPS NOTAFILE -file dir: Parameter 'file': 'dir' is a folder; expecting a file.",
        ], lines);
    }
}
