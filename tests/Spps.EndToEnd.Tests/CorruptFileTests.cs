using System.Text;
using Spps.Formats.Design;
using Spps.Formats.Stapl;

namespace Spps.EndToEnd.Tests;

/// <summary>Damaged input files reach the user as errors naming the file and the problem, never as an internal error.</summary>
public sealed class CorruptFileTests : EndToEndTest
{
    private byte[] Jdc()
    {
        var fabric = SeededBytes.Generate(1, "fabric", 2000);
        var (design, _) = DesignGenerator.Generate(new DesignRequest { Device = "M2S010", Fabric = fabric });
        return JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch);
    }

    // A STAPL file whose CRC is right but whose array is larger than any array can be.
    private static byte[] OversizedStapl()
    {
        var body = Encoding.ASCII.GetBytes("NOTE \"DEVICE\" \"M2S010\";\r\nDATA GV;\r\n    BOOLEAN B[99999999999] = #1;\r\nENDDATA;\r\n");
        return [.. body, .. Encoding.ASCII.GetBytes($"CRC {StaplCrc.Compute(body):X4};\r\n")];
    }

    [Fact]
    public void Every_reader_names_the_damaged_file_and_nothing_is_an_internal_error()
    {
        var jdc = Jdc();
        File.WriteAllBytes(Work("good.jdc"), jdc);
        File.WriteAllBytes(Work("half.jdc"), jdc[..(jdc.Length / 2)]);
        var directory = jdc.ToArray();
        directory[^12]++; // the ZIP's count of entries: its central directory is damaged
        File.WriteAllBytes(Work("directory.jdc"), directory);
        File.WriteAllBytes(Work("garbage.spm"), SeededBytes.Generate(2, "garbage", 700));
        Directory.CreateDirectory(Work("keys"));
        File.WriteAllBytes(Work("keys", "broken"), jdc[..300]);
        File.WriteAllBytes(Work("big.stp"), OversizedStapl());
        File.WriteAllText(Work("bad.bsd"), "entity X is\n  attribute INSTRUCTION_LENGTH of X : entity is 99999999999;\nend X;\n");
        Directory.CreateDirectory(Work("twice"));
        File.WriteAllText(Work("twice", "twice.jprj"), "{\"format\":\"spps-jobmanager-project\",\"format\":\"spps-jobmanager-project\",\"schemaVersion\":1,\"sections\":{}}");

        var run = JobManager.Run(["-c",
            "set_hsm_params -hsm_server_name local -u_hsm_uuid 0e9f1c3a-1111-2222-3333-444455556666 -u_master_hsm_uuid aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee -hsm_key_set_dir keys\n" +
            "new_project -location . -name P\n" +
            "new_prog_data -data_name PD -import_file good.jdc\n" +
            "new_prog_job -job_name J -job_type FPExpress\n" +
            "foreach command {\n" +
            "  {new_prog_data -data_name A -import_file half.jdc}\n" +
            "  {new_prog_data -data_name B -import_file directory.jdc}\n" +
            "  {set_security_overwrite -data_name PD -file garbage.spm}\n" +
            "  {report_keyset -file broken}\n" +
            "  {add_microsemi_prog_device -job_name J -device_name F -device_hw_location 1 -bitstream_file big.stp}\n" +
            "  {add_non_microsemi_bypass_device -job_name J -device_name C -device_hw_location 2 -file bad.bsd}\n" +
            "} { catch $command message options; puts \"[dict get $options -errorcode]: $message\" }\n" +
            "close_project -save TRUE\n" +
            "catch {open_project -project twice/twice.jprj} message options; puts \"[dict get $options -errorcode]: $message\"\n"], null);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("INTERNAL", run.Stdout + run.Stderr, StringComparison.Ordinal);
        var lines = run.Stdout.Split('\n').Where(line => line.StartsWith("SPPS ", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, lines.Count);
        Assert.Contains($"'{Work("half.jdc")}' is not a valid container: it is not a readable ZIP file (", lines[0]);
        Assert.Contains($"'{Work("directory.jdc")}' is not a valid container: it is not a readable ZIP file (", lines[1]);
        Assert.Contains($"'{Work("garbage.spm")}' is not a valid container: ", lines[2]);
        Assert.Contains($"'{Work("keys", "broken")}' is not a valid container: ", lines[3]);
        Assert.Contains($"{Work("big.stp")}, line 3: BOOLEAN B[99999999999]: the size is larger than a Boolean array can be", lines[4]);
        Assert.Contains($"{Work("bad.bsd")}, line 1: INSTRUCTION_LENGTH is '99999999999', not a whole number", lines[5]);
        Assert.Contains($"The project file '{Work("twice", "twice.jprj")}' is not a valid Job Manager project: Duplicate property 'format'", lines[6]);
    }

    [Fact]
    public void A_project_file_pointing_outside_its_folder_is_refused_naming_the_file_the_field_and_the_path()
    {
        File.WriteAllBytes(Work("good.jdc"), Jdc());
        Assert.Equal(0, JobManager.Run("-c", "new_project -location . -name P; new_prog_data -data_name PD -import_file good.jdc; close_project -save TRUE").ExitCode);
        var project = Work("P", "P.jprj");
        var text = File.ReadAllText(project);
        var copy = text[(text.IndexOf("data/PD/design-", StringComparison.Ordinal))..];
        File.WriteAllText(project, text.Replace(copy[..copy.IndexOf('"', StringComparison.Ordinal)], "../good.jdc", StringComparison.Ordinal));

        var run = JobManager.Run("-c", "open_project -project P/P.jprj; report_prog_data -data_name PD");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Error: The project file '{project}' is not a valid Job Manager project: section 'programmingData': Programming Data 'PD': " +
                          "designFile '../good.jdc' is not a plain path inside the project folder (it has an empty, '.' or '..' step).", run.Stderr);
        Assert.DoesNotContain("INTERNAL", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
