using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// Many Job Manager processes race to open a project whose lock was left by a killed holder: exactly one may hold it
/// at a time, and every racer that saved finds its change in the final project file.
/// </summary>
public sealed class ProjectLockRaceTests : EndToEndTest
{
    private const int Rounds = 2;
    private const int Racers = 8;

    // Each racer waits at a barrier (the file 'go'), then opens the project, marks that it holds it with a file only
    // one process can create, adds a job, holds on a moment so that an overlapping holder would be seen, and saves.
    private const string RacerScript =
        """
        set racer [lindex $argv 0]
        close [open ready-$racer w]
        while {![file exists go]} { after 2 }
        if {[catch {open_project -project P/P.jprj} message options]} {
            puts "REFUSED [dict get $options -errorcode]"
            exit 3
        }
        if {[catch {open P/holding {WRONLY CREAT EXCL}} channel]} {
            puts "OVERLAP"
            exit 4
        }
        close $channel
        new_prog_job -job_name J_$racer -job_type FPExpress
        after 50
        file delete P/holding
        close_project -save TRUE
        puts SAVED
        """;

    [Fact]
    public void Racers_on_a_lock_left_by_a_killed_holder_never_hold_the_project_together_and_lose_no_save()
    {
        Assert.Equal(0, JobManager.Run("-c", "new_project -location . -name P; close_project").ExitCode);
        var script = WriteScript("racer.tcl", RacerScript);
        var saved = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            KillAHolder();
            Assert.True(File.Exists(Work("P", "P.jprj.lock")), "the killed holder left its lock");

            var racers = Enumerable.Range(0, Racers).Select(index => $"{round}_{index}").ToList();
            var processes = racers.Select(racer => JobManager.Start([script, racer])).ToList();
            ProcessWait.Until(() => racers.All(racer => File.Exists(Work($"ready-{racer}"))), "every racer at the barrier", processes);
            File.WriteAllText(Work("go"), string.Empty);

            foreach (var (racer, process) in racers.Zip(processes))
            {
                var output = Finish(process);
                Assert.True(process.ExitCode is 0 or 3, $"racer {racer} exited {process.ExitCode}: {output}");
                if (process.ExitCode == 0)
                {
                    saved.Add($"J_{racer}");
                }
                else
                {
                    Assert.Contains($"REFUSED SPPS LOCKED {Work("P", "P.jprj")}", output);
                }

                process.Dispose();
            }

            File.Delete(Work("go"));
            Assert.Equal(saved.Count, saved.Intersect(SavedJobs()).Count());
        }

        Assert.True(saved.Count >= Rounds, "each round has a racer that saved");
    }

    // A process opens the project and is killed while it holds it, as a crash or kill -9 would end it.
    private void KillAHolder()
    {
        using var holder = JobManager.Start(["-c", "open_project -project P/P.jprj; close [open held w]; vwait forever"]);
        ProcessWait.Until(() => File.Exists(Work("held")), "the holder to open the project", [holder]);
        holder.Kill();
        holder.WaitForExit();
        File.Delete(Work("held"));
    }

    private IEnumerable<string> SavedJobs()
    {
        var project = JsonNode.Parse(File.ReadAllText(Work("P", "P.jprj")))!;
        return project["sections"]?["jobs"]?["jobs"]?.AsArray().Select(job => (string)job!["name"]!) ?? [];
    }

    private static string Finish(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("A racer did not finish within 60 s.");
        }

        return output.GetAwaiter().GetResult() + errors.GetAwaiter().GetResult();
    }
}
