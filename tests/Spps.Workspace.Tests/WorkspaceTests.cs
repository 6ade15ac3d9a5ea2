using System.Runtime.Versioning;
using System.Text.Json;
using Spps.Devices;
using Spps.Workspace.Projects;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Tests;

public sealed class WorkspaceTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly ProjectContext _workspace = new();
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
        var error = Assert.Throws<DomainException>(() => NewProject());
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
        var error = Assert.Throws<DomainException>(() => NewProject());
        Assert.Contains("already exists and is not empty", error.Message);
        Assert.Equal("keep", File.ReadAllText(_folder.Combine("work", "P", "mine.txt")));
    }

    [Fact]
    public void New_project_refuses_a_location_that_is_a_file()
    {
        File.WriteAllText(_folder.Combine("work"), "a file");
        var error = Assert.Throws<DomainException>(() => NewProject());
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
        var error = Assert.Throws<DomainException>(() => _workspace.NewProject("work", name, _folder.Path, _warnings.Add));
        Assert.StartsWith($"name: Invalid argument value: '{name}' (expecting a name of at most 100 letters", error.Message);
        Assert.False(Directory.Exists(_folder.Combine("work")));
    }

    [Fact]
    public void Only_one_project_is_open_at_a_time_and_the_error_names_it()
    {
        NewProject("A");
        var error = Assert.Throws<DomainException>(() => NewProject("B"));
        Assert.Equal($"Project 'A' is open ('{ProjectFile("A")}'). Close it with close_project before you create another project.", error.Message);
        Assert.Equal(["SPPS", "PROJECTOPEN", "A"], error.ErrorCode);
        Assert.False(Directory.Exists(_folder.Combine("work", "B")));
        Assert.Throws<DomainException>(() => _workspace.OpenProject(ProjectFile("A"), _folder.Path, _warnings.Add));
    }

    [Fact]
    public void Commands_that_need_a_project_say_so_when_none_is_open()
    {
        var error = Assert.Throws<DomainException>(() => _workspace.CloseProject(save: true));
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
        var error = Assert.Throws<DomainException>(() => _workspace.CloseProject(save: null));
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
        Assert.Throws<DomainException>(() => _workspace.OpenProject(path, _folder.Path, _warnings.Add));
        Assert.Equal(content, File.ReadAllText(path));
        Assert.False(File.Exists(ProjectLock.PathFor(path)));
        Assert.Null(_workspace.Project);
    }

    [Fact]
    public void Open_refuses_a_file_that_is_not_a_jprj()
    {
        var path = _folder.Combine("notes.txt");
        File.WriteAllText(path, "x");
        var error = Assert.Throws<DomainException>(() => _workspace.OpenProject(path, _folder.Path, _warnings.Add));
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
        using var other = new ProjectContext();
        var error = Assert.Throws<DomainException>(() => other.OpenProject(ProjectFile(), _folder.Path, _warnings.Add));
        Assert.Contains("already open in this Job Manager process", error.Message);
        Assert.Equal("LOCKED", error.ErrorCode[1]);
    }

    [Fact]
    public void A_lock_held_on_another_host_is_refused_naming_the_holder()
    {
        NewProject();
        _workspace.CloseProject(save: null);
        var holder = new LockHolder(4242, "build-server-7", "alice", DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), "jobmanager 0.1.0");
        File.WriteAllText(ProjectLock.PathFor(ProjectFile()), JsonSerializer.Serialize(holder, JsonFiles.Options));
        var error = Assert.Throws<DomainException>(() => _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add));
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
        File.WriteAllText(ProjectLock.PathFor(ProjectFile()), JsonSerializer.Serialize(stale, JsonFiles.Options));
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

    [Fact]
    public void An_empty_lock_file_older_than_a_few_seconds_is_taken_over_with_a_warning_that_says_so()
    {
        NewProject();
        _workspace.CloseProject(save: null);
        var lockFile = ProjectLock.PathFor(ProjectFile());
        File.WriteAllBytes(lockFile, []);
        File.SetLastWriteTimeUtc(lockFile, DateTime.UtcNow - ProjectLock.UnreadableLockAge - TimeSpan.FromSeconds(5));
        _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add);
        Assert.Equal([$"Taking over the lock of project '{ProjectFile()}': its lock file '{lockFile}' is empty or unreadable and 10 s old, " +
                      "left by a Job Manager that stopped while writing it."], _warnings);
        Assert.Contains($"\"processId\": {Environment.ProcessId}", File.ReadAllText(lockFile));
    }

    [Fact]
    public void A_fresh_empty_lock_file_is_being_written_by_another_job_manager_and_is_left_alone()
    {
        NewProject();
        _workspace.CloseProject(save: null);
        var lockFile = ProjectLock.PathFor(ProjectFile());
        File.WriteAllBytes(lockFile, []);
        var error = Assert.Throws<DomainException>(() => _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add));
        Assert.Equal($"The project '{ProjectFile()}' is being opened by another Job Manager: its lock file '{lockFile}' is still being written. Try again in a moment.",
            error.Message);
        Assert.Equal(["SPPS", "LOCKED", ProjectFile()], error.ErrorCode);
        Assert.Empty(File.ReadAllBytes(lockFile));
        Assert.False(File.Exists(ProjectLock.GuardPathFor(ProjectFile())));
    }

    [Fact]
    public void While_another_process_holds_the_guard_the_project_is_refused_and_its_lock_file_names_the_holder()
    {
        NewProject();
        _workspace.CloseProject(save: null);
        var holder = new LockHolder(4242, Environment.MachineName, "alice", DateTimeOffset.UtcNow, "jobmanager 0.1.0");
        File.WriteAllText(ProjectLock.PathFor(ProjectFile()), JsonSerializer.Serialize(holder, JsonFiles.Options));

        // A second open file description of the guard, locked as another process locks it.
        using (new FileStream(ProjectLock.GuardPathFor(ProjectFile()), FileMode.OpenOrCreate, FileAccess.Write, FileShare.None))
        {
            var error = Assert.Throws<DomainException>(() => _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add));
            Assert.Equal($"The project '{ProjectFile()}' is open in another Job Manager: {holder}. Close it there first.", error.Message);
            File.Delete(ProjectLock.PathFor(ProjectFile()));
            error = Assert.Throws<DomainException>(() => _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add));
            Assert.Equal($"The project '{ProjectFile()}' is being opened or closed by another Job Manager. Try again in a moment.", error.Message);
        }

        _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Closing_removes_the_lock_file_and_the_guard()
    {
        NewProject();
        Assert.True(File.Exists(ProjectLock.GuardPathFor(ProjectFile())));
        _workspace.CloseProject(save: null);
        Assert.Equal([ProjectFile()], Directory.GetFileSystemEntries(_folder.Combine("work", "P")));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void The_project_file_and_its_lock_are_readable_by_their_owner_only()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows has no file modes; new files take the folder's permissions.");
        NewProject().Update<NotesSection>(section => section.Notes.Add("saved"));
        _workspace.CloseProject(save: true);
        _workspace.OpenProject(ProjectFile(), _folder.Path, _warnings.Add);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(ProjectFile()));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(ProjectLock.PathFor(ProjectFile())));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(ProjectLock.GuardPathFor(ProjectFile())));
    }

    [SkippableFact]
    public void Saving_a_project_opened_through_a_symbolic_link_writes_through_to_its_target()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need extra rights on Windows.");
        NewProject();
        _workspace.CloseProject(save: null);
        var link = _folder.Combine("work", "P", "Linked.jprj");
        File.CreateSymbolicLink(link, "P.jprj");
        _workspace.OpenProject(link, _folder.Path, _warnings.Add).Update<NotesSection>(section => section.Notes.Add("through the link"));
        _workspace.CloseProject(save: true);
        Assert.Equal("P.jprj", new FileInfo(link).LinkTarget);
        Assert.Contains("through the link", File.ReadAllText(ProjectFile()));
    }

    [Fact]
    public void A_save_that_cannot_be_written_names_the_path_and_leaves_the_project_open_and_modified()
    {
        NewProject().Update<NotesSection>(section => section.Notes.Add("unsaved"));
        var projectFolder = _folder.Combine("work", "P");
        Directory.Delete(projectFolder, recursive: true);
        File.WriteAllText(projectFolder, "a file where the project folder was");
        var error = Assert.Throws<DomainException>(() => _workspace.CloseProject(save: true));
        Assert.Equal($"Cannot write '{ProjectFile()}': '{projectFolder}' is a file, not a folder.", error.Message);
        Assert.Equal(["SPPS", "UNWRITABLE", ProjectFile()], error.ErrorCode);
        Assert.True(_workspace.Project!.IsModified);
        Assert.NotNull(_workspace.Abandon());
    }

    [Theory]
    [InlineData("under-a-file")]
    [InlineData("long-name")]
    public void New_project_where_nothing_can_be_written_names_the_path_and_creates_nothing(string where)
    {
        File.WriteAllText(_folder.Combine("plain"), "a file");
        var location = where == "long-name" ? _folder.Combine(new string('L', 256)) : _folder.Combine("plain", "sub");
        var error = Assert.Throws<DomainException>(() => _workspace.NewProject(location, "P", _folder.Path, _warnings.Add));
        Assert.StartsWith($"Cannot write '{Path.Combine(location, "P", "P.jprj")}': ", error.Message);
        Assert.Equal(["plain"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
        Assert.Null(_workspace.Project);
    }
}
