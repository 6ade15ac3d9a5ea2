namespace Spps.EndToEnd.Tests;

public sealed class ProjectCommandTests : EndToEndTest
{
    [Fact]
    public void New_project_creates_the_project_and_returns_its_file()
    {
        var run = JobManager.Run("-c", "puts [new_project -location out -name Board]; close_project");
        Assert.Equal(0, run.ExitCode);
        var file = Work("out", "Board", "Board.jprj");
        Assert.Equal($"Info: Created project 'Board' in '{Work("out", "Board")}'.\n{file}\nInfo: Closed project 'Board' (no changes).\n", run.Stdout);
        Assert.True(File.Exists(file));
        Assert.False(File.Exists(file + ".lock"));
    }

    [Fact]
    public void New_project_on_an_existing_project_fails_and_keeps_it()
    {
        JobManager.Run("-c", "new_project -location . -name P; close_project");
        var before = File.ReadAllBytes(Work("P", "P.jprj"));
        var run = JobManager.Run("-c", "new_project -location . -name P");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Error: Project 'P' already exists at '{Work("P", "P.jprj")}'.", run.Stderr);
        Assert.Equal(before, File.ReadAllBytes(Work("P", "P.jprj")));
    }

    [Fact]
    public void A_project_folder_moved_elsewhere_reopens()
    {
        JobManager.Run("-c", "new_project -location first -name Moving; close_project -save TRUE");
        Directory.Move(Work("first", "Moving"), Work("second"));
        var run = JobManager.Run("-c", "open_project -project second/Moving.jprj; close_project");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Info: Opened project 'Moving' ('{Work("second", "Moving.jprj")}').", run.Stdout);
    }

    [Fact]
    public void Opening_a_second_project_names_the_one_that_is_open()
    {
        JobManager.Run("-c", "new_project -location . -name A; close_project; new_project -location . -name B; close_project");
        var run = JobManager.Run("-c", "open_project -project A/A.jprj; open_project -project B/B.jprj");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Error: Project 'A' is open ('{Work("A", "A.jprj")}'). Close it with close_project before you open another project.", run.Stderr);
    }

    [Fact]
    public void A_project_open_in_one_process_is_refused_to_another_naming_the_holder()
    {
        JobManager.Run("-c", "new_project -location . -name Shared; close_project");
        using var holder = JobManager.Start(["-c", "open_project -project Shared/Shared.jprj; puts READY; flush stdout; gets stdin; close_project"]);
        Assert.Contains("READY", ReadUntil(holder, "READY"));

        var refused = JobManager.Run("-c", "open_project -project Shared/Shared.jprj");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"Error: The project '{Work("Shared", "Shared.jprj")}' is open in another Job Manager: {Environment.UserName}@{Environment.MachineName} (process {holder.Id},", refused.Stderr);

        holder.StandardInput.WriteLine();
        holder.StandardInput.Close();
        Assert.True(holder.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, holder.ExitCode);
        Assert.Equal(0, JobManager.Run("-c", "open_project -project Shared/Shared.jprj; close_project").ExitCode);
    }

    [Fact]
    public void A_project_left_open_at_the_end_of_a_script_is_released()
    {
        var run = JobManager.Run("-c", "new_project -location . -name Left");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        Assert.False(File.Exists(Work("Left", "Left.jprj.lock")));
        Assert.Equal(0, JobManager.Run("-c", "open_project -project Left/Left.jprj; close_project").ExitCode);
    }

    [Fact]
    public void A_corrupt_project_file_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(Work("C"));
        File.WriteAllText(Work("C", "C.jprj"), "{\"format\": \"spps-jobmanager-project\", \"schemaVersion\": 1");
        var before = File.ReadAllBytes(Work("C", "C.jprj"));
        var run = JobManager.Run("-c", "open_project -project C/C.jprj");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Error: The project file '{Work("C", "C.jprj")}' is not a valid Job Manager project: ", run.Stderr);
        Assert.Equal(before, File.ReadAllBytes(Work("C", "C.jprj")));
        Assert.Equal(["C.jprj"], Directory.GetFiles(Work("C")).Select(Path.GetFileName));
    }

    [Fact]
    public void Close_with_no_project_open_says_so()
    {
        var run = JobManager.Run("-c", "close_project -save TRUE");
        Assert.StartsWith("Error: No project is open. Use new_project or open_project first.", run.Stderr);
    }

    private static string ReadUntil(System.Diagnostics.Process process, string marker)
    {
        var seen = new System.Text.StringBuilder();
        var reading = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                seen.AppendLine(line);
                if (line.Contains(marker, StringComparison.Ordinal))
                {
                    return;
                }
            }
        });
        if (!reading.Wait(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"No '{marker}' from the holder; it printed: {seen} / {process.StandardError.ReadToEnd()}");
        }

        return seen.ToString();
    }
}
