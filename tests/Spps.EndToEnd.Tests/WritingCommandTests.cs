using System.Globalization;
using System.Runtime.Versioning;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// Every command that writes, driven at places where nothing can be written — under a file, in a read-only folder,
/// at a name over 255 bytes — is refused with a clear error naming the path, and creates nothing; at 255-byte names
/// each one works and leaves no staged file behind.
/// </summary>
public sealed class WritingCommandTests : EndToEndTest
{
    public enum Place
    {
        UnderAFile,
        ReadOnlyFolder,
        NameTooLong,
    }

    private const string U = "0e9f1c3a-1111-2222-3333-444455556666";
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    // Programming Data with a MASTER bitstream, and a job that programs it: what the exports write from.
    private const string ProjectSetup =
        "new_project -location . -name P\n" +
        "new_prog_data -data_name PD -import_file top.jdc\n" +
        "init_bitstream -data_name PD -bitstream_name M -bitstream_type MASTER\n" +
        "new_prog_job -job_name J -job_type FPExpress\n" +
        "add_microsemi_prog_device -job_name J -device_name FPGA -device_hw_location 1 -data_name PD -bitstream_name M\n";

    // Runs a command and prints how it ended, so that one script can try every command.
    private const string TryProcedure =
        "proc try_write {command} {\n" +
        "    set code [catch {uplevel #0 $command} message options]\n" +
        "    puts \"RESULT $code [expr {[dict exists $options -errorcode] ? [dict get $options -errorcode] : {}}] :: $message\"\n" +
        "}\n";

    // The commands of a project that write at a given place ({0}); new_project comes first, while no project is open.
    private static readonly string[] _projectCommands =
    [
        "set_hsm_params -hsm_server_name local -hsm_key_set_dir {{{0}}}",
        "export_bitstream_file -data_name PD -bitstream_name M -formats {{STAPL DAT SPI}} -export_path {{{0}}}",
        "export_spi_directory -golden_ver 1 -golden_addr 0x0 -file {{{0}}}",
        "export_prog_job -job_name J -location {{{0}}} -name board",
    ];

    [SkippableTheory]
    [InlineData(Place.UnderAFile)]
    [InlineData(Place.ReadOnlyFolder)]
    [InlineData(Place.NameTooLong)]
    public void Tcl_commands_that_write_refuse_the_place_naming_the_path_and_create_nothing(Place where)
    {
        var place = PlaceFor(where);
        MakeDesign();
        var commands = (string[])[$"new_project -location {{{place}}} -name Q", .. _projectCommands.Select(command => string.Format(CultureInfo.InvariantCulture, command, place))];
        var run = JobManager.Run("-c", TryProcedure + $"try_write {{{commands[0]}}}\n" + ProjectSetup +
                                       string.Concat(commands.Skip(1).Select(command => $"try_write {{{command}}}\n")) + "close_project -save TRUE\n");
        Assert.Equal(0, run.ExitCode);
        var results = run.Stdout.Split('\n').Where(line => line.StartsWith("RESULT ", StringComparison.Ordinal)).ToList();
        Assert.Equal(commands.Length, results.Count);
        foreach (var (command, result) in commands.Zip(results))
        {
            Assert.StartsWith("RESULT 1 SPPS UNWRITABLE ", result);
            Assert.Contains($" :: Cannot ", result);
            Assert.True(result.Contains($"'{place}", StringComparison.Ordinal), $"{command} gave {result}");
        }

        AssertNothingCreated(place);
        Assert.False(File.Exists(Folder.Combine("home", "settings.json")));
    }

    [SkippableTheory]
    [InlineData(Place.UnderAFile)]
    [InlineData(Place.ReadOnlyFolder)]
    [InlineData(Place.NameTooLong)]
    public void Programs_refuse_the_place_with_an_exit_status_naming_the_path_and_create_nothing(Place where)
    {
        var place = PlaceFor(where);
        var store = Folder.Combine("store");
        Assert.Equal(0, HsmProgram.Run("init", "--store", store).ExitCode);

        var log = JobManager.Run("-c", "puts x", $"LOGFILE:{place}");
        Assert.Equal(2, log.ExitCode);
        Assert.StartsWith($"jobmanager: cannot write the log file '{place}': ", log.Stderr);

        var jdc = JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-o", place);
        Assert.Equal(1, jdc.ExitCode);
        Assert.StartsWith($"jdcgen: cannot write '{place}': ", jdc.Stderr);

        var init = HsmProgram.Run("init", "--store", place);
        Assert.Equal(1, init.ExitCode);
        Assert.StartsWith($"spps-hsm: The HSM store '{place}' cannot be created: ", init.Stderr);

        var enroll = HsmProgram.Run("enroll", "--store", store, "--out", place);
        Assert.Equal(1, enroll.ExitCode);
        Assert.StartsWith($"spps-hsm: cannot write '{place}': ", enroll.Stderr);
        Assert.Contains("enrolled clients:  0", HsmProgram.Run("info", "--store", store).Stdout);

        AssertNothingCreated(place);
    }

    [SkippableTheory]
    [InlineData(Place.UnderAFile)]
    [InlineData(Place.ReadOnlyFolder)]
    [InlineData(Place.NameTooLong)]
    public void Create_keyset_refuses_a_repository_or_name_where_nothing_can_be_written(Place where)
    {
        var repository = where == Place.ReadOnlyFolder ? ReadOnlyFolder() : Work("keys");
        var name = where == Place.NameTooLong ? new string('k', 256) : "K";
        Assert.Equal(0, JobManager.Run("-c", $"set_hsm_params -hsm_server_name local -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir {{{repository}}}").ExitCode);
        if (where == Place.UnderAFile)
        {
            Directory.Delete(repository);
            File.WriteAllText(repository, "a file where the keyset repository was");
        }

        var run = JobManager.Run("-c", $"create_keyset -file {name}");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(where switch
        {
            Place.UnderAFile => $"Error: The keyset repository '{repository}' is a file, not a folder.",
            Place.NameTooLong => $"Error: file: Invalid argument value: '{name}' (expecting a name of at most 100 letters", // the name rule refuses it first
            _ => $"Error: Cannot write '{Path.Combine(repository, name)}': ",
        }, run.Stderr);
        AssertNothingCreated(Path.Combine(repository, name));
    }

    [SkippableTheory]
    [InlineData(Place.UnderAFile)]
    [InlineData(Place.ReadOnlyFolder)]
    public void A_save_that_cannot_be_written_names_the_project_file_and_keeps_the_saved_project(Place where)
    {
        Assert.Equal(0, JobManager.Run("-c", "new_project -location . -name S; close_project").ExitCode);
        var before = File.ReadAllBytes(Work("S", "S.jprj"));
        var folder = Work("S");
        var saved = where == Place.UnderAFile ? Work("S.moved", "S.jprj") : Work("S", "S.jprj");
        if (where == Place.ReadOnlyFolder && (OperatingSystem.IsWindows() || !ModesBind()))
        {
            throw new SkipException("File modes do not stop this user (root), or there are none; the row under a file covers a save that cannot be written.");
        }

        // The script opens the project and changes it; then its folder becomes unwritable before it saves.
        var spoil = where == Place.UnderAFile
            ? $"file rename {{{folder}}} {{{Work("S.moved")}}}; close [open {{{folder}}} w]"
            : $"file attributes {{{folder}}} -permissions 0555";
        var run = JobManager.Run("-c", $"open_project -project {{{Path.Combine(folder, "S.jprj")}}}; new_prog_job -job_name K -job_type FPExpress; {spoil}; close_project -save TRUE");
        if (where == Place.ReadOnlyFolder && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Error: Cannot write '{Path.Combine(folder, "S.jprj")}': ", run.Stderr);
        Assert.DoesNotContain("Internal error", run.Stderr);
        Assert.Equal(before, File.ReadAllBytes(saved));
        AssertNoStagedFiles();
    }

    [Fact]
    public void Every_writing_command_works_at_255_byte_names_and_leaves_no_staged_file()
    {
        MakeDesign();
        var name = (char letter) => new string(letter, 255);
        var run = JobManager.Run(["-c",
            $"new_project -location {{{Work(name('a'))}}} -name Q; new_prog_job -job_name K -job_type FPExpress; close_project -save TRUE\n" +
            $"set_hsm_params -hsm_server_name local -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir {{{Work(name('b'))}}}\n" +
            $"create_keyset -file {new string('c', 100)}\n" + // keyset and job file names stop at 100 characters (the name rule)
            ProjectSetup +
            $"export_bitstream_file -data_name PD -bitstream_name M -formats {{STAPL DAT SPI}} -export_path {{{Work(new string('d', 251))}}}\n" +
            $"export_spi_directory -golden_ver 1 -golden_addr 0x0 -file {{{Work(name('e'))}}}\n" +
            $"export_prog_job -job_name J -location . -name {new string('f', 100)}\n" +
            "close_project -save TRUE\n", $"LOGFILE:{Work(name('g'))}"], null);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(Work(name('a'), "Q", "Q.jprj")));
        Assert.True(File.Exists(Work(name('b'), new string('c', 100))));
        Assert.All(new[] { ".stp", ".dat", ".spi" }, extension => Assert.True(File.Exists(Work(new string('d', 251) + extension))));
        Assert.True(File.Exists(Work(name('e'))));
        Assert.True(File.Exists(Work(new string('f', 100) + ".job")));
        Assert.True(File.Exists(Work(name('g'))));

        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-o", Work(name('h'))).ExitCode);
        Assert.Equal(0, HsmProgram.Run("init", "--store", Work(name('i'))).ExitCode);
        Assert.Equal(0, HsmProgram.Run("enroll", "--store", Work(name('i')), "--out", Work(name('j'))).ExitCode);
        Assert.True(File.Exists(Work(name('h'))) && File.Exists(Work(name('j'))));
        AssertNoStagedFiles();
    }

    private void MakeDesign() =>
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-o", "top.jdc").ExitCode);

    private string PlaceFor(Place where)
    {
        switch (where)
        {
            case Place.UnderAFile:
                File.WriteAllText(Work("plain"), "a file");
                return Work("plain", "x");
            case Place.ReadOnlyFolder:
                return Path.Combine(ReadOnlyFolder(), "x");
            default:
                return Work(new string('n', 256));
        }
    }

    // A folder where this user cannot create anything: one made read-only, or, for root (whom file modes do not
    // stop), /sys, where the kernel refuses new files to everyone.
    private string ReadOnlyFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Read-only folders are made with file modes, which Windows does not have.");
        }

        if (ModesBind())
        {
            return Work("read-only");
        }

        Skip.IfNot(OperatingSystem.IsLinux() && Refuses("/sys"), "This user (root) may write in any folder here, and there is no /sys that refuses it.");
        return "/sys";
    }

    // Makes the folder 'read-only' (mode 0555) and says whether that stops this user from creating files in it.
    [UnsupportedOSPlatform("windows")]
    private bool ModesBind()
    {
        Directory.CreateDirectory(Work("read-only"));
        File.SetUnixFileMode(Work("read-only"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return Refuses(Work("read-only"));
    }

    private static bool Refuses(string folder)
    {
        var probe = Path.Combine(folder, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private void AssertNothingCreated(string place)
    {
        Assert.False(Path.Exists(place), $"'{place}' was created");
        if (Directory.Exists(Work("read-only")))
        {
            Assert.Empty(Directory.GetFileSystemEntries(Work("read-only")));
        }

        AssertNoStagedFiles();
    }

    private void AssertNoStagedFiles() =>
        Assert.Empty(Directory.EnumerateFiles(Folder.Path, "*.tmp", SearchOption.AllDirectories));
}
