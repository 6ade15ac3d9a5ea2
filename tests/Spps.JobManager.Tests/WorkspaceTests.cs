using System.Text.Json;
using Spps.JobManager.Projects;

namespace Spps.JobManager.Tests;

public sealed class WorkspaceTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly Workspace _workspace = new();
    private readonly List<string> _warnings = [];

    public void Dispose()
    {
        _workspace.Dispose();
        _folder.Dispose();
    }

    private string ProjectFile(string name = "P") => _folder.Combine("work", name, name + ".jprj");

    private ProjectSession NewProject(string name = "P") => _workspace.NewProject("work", name, _folder.Path, _warnings.Add);

    [Fact]
    public void New_project_creates_location_name_name_jprj_and_writes_it_at_once()
    {
        var project = NewProject();
        Assert.Equal(ProjectFile(), project.FilePath);
        Assert.True(File.Exists(ProjectFile()));
        Assert.Contains("\"schemaVersion\": 1", File.ReadAllText(ProjectFile()));
        Assert.False(project.IsModified);
    }

    [Fact]
    public void New_project_fails_when_the_project_exists_and_changes_nothing()
    {
        NewProject();
        _workspace.CloseProject(save: null);
        var before = File.ReadAllBytes(ProjectFile());
        var error = Assert.Throws<JobManagerException>(() => NewProject());
        Assert.Equal($"Project 'P' already exists at '{ProjectFile()}'. Open it with open_project, or choose another name or location.", error.Message);
        Assert.Equal(["SPPS", "EXISTS", ProjectFile()], error.ErrorCode);
        Assert.Equal(before, File.ReadAllBytes(ProjectFile()));
        Assert.Null(_workspace.Project);
    }

    [Fact]
    public void New_project_refuses_a_folder_that_holds_other_files()
    {
        Directory.CreateDirectory(_folder.Combine("work", "P"));
        File.WriteAllText(_folder.Combine("work", "P", "mine.txt"), "keep");
        var error = Assert.Throws<JobManagerException>(() => NewProject());
        Assert.Contains("already exists and is not empty", error.Message);
        Assert.Equal("keep", File.ReadAllText(_folder.Combine("work", "P", "mine.txt")));
    }

    [Fact]
    public void New_project_refuses_a_location_that_is_a_file()
    {
        File.WriteAllText(_folder.Combine("work"), "a file");
        var error = Assert.Throws<JobManagerException>(() => NewProject());
        Assert.Equal($"location: Invalid argument value: 'work' (expecting a folder; '{_folder.Combine("work")}' is a file).", error.Message);
        Assert.Equal("a file", File.ReadAllText(_folder.Combine("work")));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("-dash")]
    [InlineData("sp ace")]
    [InlineData("")]
    public void New_project_refuses_names_that_are_not_portable_and_creates_nothing(string name)
    {
        var error = Assert.Throws<JobManagerException>(() => _workspace.NewProject("work", name, _folder.Path, _warnings.Add));
        Assert.StartsWith($"name: Invalid argument value: '{name}' (expecting a project name", error.Message);
        Assert.False(Directory.Exists(_folder.Combine("work")));
    }

    [Fact]
    public void Only_one_project_is_open_at_a_time_and_the_error_names_it()
    {
        NewProject("A");
        var error = Assert.Throws<JobManagerException>(() => NewProject("B"));
        Assert.Equal($"Project 'A' is open ('{ProjectFile("A")}'). Close it with close_project before you create another project.", error.Message);
        Assert.Equal(["SPPS", "PROJECTOPEN", "A"], error.ErrorCode);
        Assert.False(Directory.Exists(_folder.Combine("work", "B")));
        Assert.Throws<JobManagerException>(() => _workspace.OpenProject(ProjectFile("A"), _folder.Path, _warnings.Add));
    }

    [Fact]
    public void Commands_that_need_a_project_say_so_when_none_is_open()
    {
        var error = Assert.Throws<JobManagerException>(() => _workspace.CloseProject(save: true));
        Assert.Equal("No project is open. Use new_project or open_project first.", error.Message);
        Assert.Equal(["SPPS", "NOPROJECT"], error.ErrorCode);
    }

    [Fact]
    public void An_unmodified_project_closes_without_save_and_is_not_rewritten()
    {
        NewProject();
        var written = File.GetLastWriteTimeUtc(ProjectFile());
        Thread.Sleep(20);
        Assert.Equal(CloseOutcome.Unchanged, _workspace.CloseProject(save: true));
        Assert.Equal(written, File.GetLastWriteTimeUtc(ProjectFile()));
    }

    [Fact]
    public void A_modified_project_needs_save_to_close_and_stays_open_until_then()
    {
        var project = NewProject();
        project.Update<NotesSection>(section => section.Notes.Add("changed"));
        Assert.True(project.IsModified);
        var error = Assert.Throws<JobManagerException>(() => _workspace.CloseProject(save: null));
        Assert.Equal("Project 'P' was modified. Specify -save TRUE to save the changes or -save FALSE to discard them.", error.Message);
        Assert.Equal(["SPPS", "MODIFIED", "P"], error.ErrorCode);
        Assert.Same(project, _workspace.Project);
    }

    [Fact]
    public void Save_true_writes_the_changes_and_save_false_discards_them()
    {
        NewProject().Update<NotesSection>(section => section.Notes.Add("kept"));
        Assert.Equal(CloseOutcome.Saved, _workspace.CloseProject(save: true));
        var reopened = _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add);
        Assert.Equal(["kept"], reopened.Read<NotesSection>().Notes);

        reopened.Update<NotesSection>(section => section.Notes.Add("dropped"));
        Assert.Equal(CloseOutcome.Discarded, _workspace.CloseProject(save: false));
        Assert.Equal(["kept"], _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add).Read<NotesSection>().Notes);
    }

    [Fact]
    public void A_change_undone_again_is_no_change()
    {
        var project = NewProject();
        project.Update<NotesSection>(section => section.Notes.Add("x"));
        project.Update<NotesSection>(section => section.Notes.Clear());
        Assert.False(project.IsModified);
    }

    [Fact]
    public void A_failed_update_leaves_the_project_exactly_as_it_was()
    {
        var project = NewProject();
        Assert.Throws<InvalidOperationException>(() => project.Update<NotesSection>(section =>
        {
            section.Notes.Add("half done");
            throw new InvalidOperationException("refused");
        }));
        Assert.False(project.IsModified);
        Assert.Empty(project.Read<NotesSection>().Notes);
    }

    [Fact]
    public void A_moved_project_folder_opens_from_its_new_place()
    {
        NewProject().Update<NotesSection>(section => section.Notes.Add("travels"));
        _workspace.CloseProject(save: true);
        Directory.Move(_folder.Combine("work", "P"), _folder.Combine("elsewhere"));
        var moved = _workspace.OpenProject(_folder.Combine("elsewhere", "P.jprj"), _folder.Path, _warnings.Add);
        Assert.Equal(["travels"], moved.Read<NotesSection>().Notes);
        Assert.Equal(_folder.Combine("elsewhere"), moved.Folder);
        Assert.DoesNotContain(_folder.Path, File.ReadAllText(moved.FilePath));
    }

    [Theory]
    [InlineData("{ broken")]
    [InlineData("{\"format\":\"spps-jobmanager-project\",\"schemaVersion\":99,\"sections\":{}}")]
    public void A_corrupt_or_newer_project_is_refused_untouched_and_left_unlocked(string content)
    {
        var path = _folder.Combine("bad.jprj");
        File.WriteAllText(path, content);
        Assert.Throws<JobManagerException>(() => _workspace.OpenProject(path, _folder.Path, _warnings.Add));
        Assert.Equal(content, File.ReadAllText(path));
        Assert.False(File.Exists(ProjectLock.PathFor(path)));
        Assert.Null(_workspace.Project);
    }

    [Fact]
    public void Open_refuses_a_file_that_is_not_a_jprj()
    {
        var path = _folder.Combine("notes.txt");
        File.WriteAllText(path, "x");
        var error = Assert.Throws<JobManagerException>(() => _workspace.OpenProject(path, _folder.Path, _warnings.Add));
        Assert.Equal($"project: Invalid argument value: '{path}' (expecting a Job Manager project file, *.jprj).", error.Message);
    }

    [Fact]
    public void The_lock_exists_while_open_and_goes_with_close()
    {
        NewProject();
        Assert.True(File.Exists(ProjectLock.PathFor(ProjectFile())));
        _workspace.CloseProject(save: null);
        Assert.False(File.Exists(ProjectLock.PathFor(ProjectFile())));
    }

    [Fact]
    public void A_second_workspace_in_the_same_process_cannot_open_a_locked_project()
    {
        NewProject();
        using var other = new Workspace();
        var error = Assert.Throws<JobManagerException>(() => other.OpenProject(ProjectFile(), _folder.Path, _warnings.Add));
        Assert.Contains("already open in this Job Manager process", error.Message);
        Assert.Equal("LOCKED", error.ErrorCode[1]);
    }

    [Fact]
    public void A_lock_held_on_another_host_is_refused_naming_the_holder()
    {
        NewProject();
        _workspace.CloseProject(save: null);
        var holder = new LockHolder(4242, "build-server-7", "alice", DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), "jobmanager 0.1.0");
        File.WriteAllText(ProjectLock.PathFor(ProjectFile()), JsonSerializer.Serialize(holder, Storage.JsonFiles.Options));
        var error = Assert.Throws<JobManagerException>(() => _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add));
        Assert.Contains("is open in another Job Manager: alice@build-server-7 (process 4242, jobmanager 0.1.0, running since 2026-01-02 03:04:05Z)", error.Message);
        Assert.Contains($"delete '{ProjectLock.PathFor(ProjectFile())}'", error.Message);
        Assert.True(File.Exists(ProjectLock.PathFor(ProjectFile())));
    }

    [Fact]
    public void A_stale_lock_of_a_process_that_no_longer_runs_is_taken_over_with_a_warning()
    {
        NewProject();
        _workspace.CloseProject(save: null);
        using var finished = System.Diagnostics.Process.Start("true");
        finished.WaitForExit();
        var stale = new LockHolder(finished.Id, Environment.MachineName, "bob", DateTimeOffset.UtcNow.AddMinutes(-5), "jobmanager 0.1.0");
        File.WriteAllText(ProjectLock.PathFor(ProjectFile()), JsonSerializer.Serialize(stale, Storage.JsonFiles.Options));
        _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add);
        Assert.Single(_warnings);
        Assert.Contains("Taking over the lock", _warnings[0]);
    }

    [Fact]
    public void Abandoning_at_the_end_of_a_run_releases_the_lock_and_reports_unsaved_changes()
    {
        NewProject().Update<NotesSection>(section => section.Notes.Add("unsaved"));
        var dropped = _workspace.Abandon();
        Assert.NotNull(dropped);
        Assert.False(File.Exists(ProjectLock.PathFor(ProjectFile())));
        Assert.DoesNotContain("unsaved", File.ReadAllText(ProjectFile()));
    }
}
