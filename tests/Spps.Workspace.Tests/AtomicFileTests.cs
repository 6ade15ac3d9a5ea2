using System.Runtime.Versioning;
using System.Text;
using Spps.Devices;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Replaces_the_content_whole()
    {
        var path = _folder.Combine("a.json");
        File.WriteAllText(path, "old");
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes("new"));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["a.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Missing_folders_are_created_and_removed_again_when_a_write_fails()
    {
        var error = Assert.Throws<DomainException>(() => AtomicFile.WriteAll(
        [
            (_folder.Combine("new", "deeper", "a.bin"), stream => stream.WriteByte(1)),
            (_folder.Combine("new", "other", "b.bin"), _ => throw new IOException("disk full (simulated)")),
        ]));
        Assert.Equal($"Cannot write '{_folder.Combine("new", "other", "b.bin")}': disk full (simulated).", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));

        AtomicFile.Write(_folder.Combine("new", "deeper", "a.bin"), stream => stream.WriteByte(1));
        Assert.Equal([1], File.ReadAllBytes(_folder.Combine("new", "deeper", "a.bin")));
    }

    [Fact]
    public void A_failure_in_the_middle_of_writing_leaves_the_old_file_intact_and_no_temporary_file()
    {
        var path = _folder.Combine("a.json");
        File.WriteAllText(path, "old content");
        var failure = Assert.Throws<DomainException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of the new con"));
            throw new IOException("disk full (simulated)");
        }));
        Assert.Equal($"Cannot write '{path}': disk full (simulated).", failure.Message);
        Assert.Equal(["SPPS", "UNWRITABLE", path], failure.ErrorCode);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["a.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_content_of_several_write_back_chunks_is_written_whole_whatever_the_sizes_of_its_writes()
    {
        // Single bytes, pieces that cross a chunk's end, and one write of several chunks, which is passed on in pieces.
        var content = new byte[(WriteBackStream.Chunk * 7 / 2) + 5];
        new Random(12).NextBytes(content);
        var path = _folder.Combine("large.bin");
        AtomicFile.Write(path, stream =>
        {
            var at = 0;
            for (; at < 3; at++)
            {
                stream.WriteByte(content[at]);
            }

            for (var size = 1; at + size < WriteBackStream.Chunk + 10; size = size * 3 + 1)
            {
                stream.Write(content, at, size);
                at += size;
            }

            stream.Write(content.AsSpan(at, content.Length - at - 1));
            stream.WriteByte(content[^1]);
        });
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(["large.bin"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_cancelled_after_its_first_chunks_leaves_the_old_file_and_nothing_staged()
    {
        var path = _folder.Combine("large.bin");
        File.WriteAllText(path, "old content");
        using var cancellation = new CancellationTokenSource();
        var chunk = new byte[WriteBackStream.Chunk];
        Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(chunk);
            stream.Write(chunk);
            cancellation.Cancel();
            stream.Write(chunk);
        }, cancellation: cancellation.Token));
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["large.bin"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_that_fails_after_its_first_chunks_leaves_the_old_file_and_nothing_staged()
    {
        var path = _folder.Combine("large.bin");
        File.WriteAllText(path, "old content");
        var error = Assert.Throws<DomainException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[(WriteBackStream.Chunk * 5 / 2) + 1]);
            throw new IOException("disk full (simulated)");
        }));
        Assert.Equal($"Cannot write '{path}': disk full (simulated).", error.Message);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["large.bin"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Creates_the_file_when_it_did_not_exist()
    {
        var path = _folder.Combine("fresh.json");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(255, "a")]
    [InlineData(127, "é")] // two bytes each in UTF-8: 254 bytes, and one more below
    [InlineData(63, "\U0001F600")] // four bytes each, two UTF-16 units: the staged name never splits one
    public void A_target_whose_name_fits_255_bytes_is_written_and_its_staged_name_fits_too(int count, string character)
    {
        var name = string.Concat(Enumerable.Repeat(character, count));
        name += new string('b', 255 - Encoding.UTF8.GetByteCount(name));
        var path = _folder.Combine(name);
        AtomicFile.WriteAllBytes(path, [7]);
        Assert.Equal([7], File.ReadAllBytes(path));
        Assert.Equal([name], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_target_name_over_255_bytes_is_refused_naming_it_and_nothing_is_written()
    {
        var path = _folder.Combine("deeper", new string('n', 256));
        var error = Assert.Throws<DomainException>(() => AtomicFile.WriteAllBytes(path, [1]));
        Assert.Equal($"Cannot write '{path}': the name '{new string('n', 40)}…' has 256 bytes, more than the 255 a file system allows.", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_path_under_a_file_is_refused_naming_the_file_in_the_way()
    {
        File.WriteAllText(_folder.Combine("plain"), "a file");
        var path = _folder.Combine("plain", "x", "out.bin");
        var error = Assert.Throws<DomainException>(() => AtomicFile.WriteAllBytes(path, [1]));
        Assert.Equal($"Cannot write '{path}': '{_folder.Combine("plain")}' is a file, not a folder.", error.Message);
        Assert.Equal(["SPPS", "UNWRITABLE", path], error.ErrorCode);
        Assert.Equal(["plain"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("existing")]
    [InlineData("ends-with-separator/")]
    public void A_path_that_names_a_folder_is_refused(string name)
    {
        Directory.CreateDirectory(_folder.Combine("existing"));
        var path = _folder.Path + Path.DirectorySeparatorChar + name;
        var error = Assert.Throws<DomainException>(() => AtomicFile.WriteAllBytes(path, [1]));
        Assert.Equal($"Cannot write '{path}': it is a folder; give a file name.", error.Message);
        Assert.Equal(["existing"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [SkippableFact]
    public void A_symbolic_link_is_written_through_and_stays_a_link()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need extra rights on Windows.");
        Directory.CreateDirectory(_folder.Combine("real"));
        File.WriteAllText(_folder.Combine("real", "target.json"), "old");
        File.CreateSymbolicLink(_folder.Combine("link.json"), Path.Combine("real", "target.json"));
        AtomicFile.WriteAllBytes(_folder.Combine("link.json"), Encoding.UTF8.GetBytes("new"));
        Assert.Equal(Path.Combine("real", "target.json"), new FileInfo(_folder.Combine("link.json")).LinkTarget);
        Assert.Equal("new", File.ReadAllText(_folder.Combine("real", "target.json")));
        Assert.Equal(["target.json"], Directory.GetFileSystemEntries(_folder.Combine("real")).Select(Path.GetFileName));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void Owner_only_files_are_created_with_mode_0600_and_others_as_the_user_mask_says()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows has no file modes; new files take the folder's permissions.");
        AtomicFile.WriteAllBytes(_folder.Combine("private"), [1], FileVisibility.OwnerOnly);
        AtomicFile.WriteAllBytes(_folder.Combine("default"), [1]);
        File.WriteAllBytes(_folder.Combine("plain"), [1]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.Combine("private")));
        Assert.Equal(File.GetUnixFileMode(_folder.Combine("plain")), File.GetUnixFileMode(_folder.Combine("default")));
    }

    [Fact]
    public void Staged_files_of_ended_processes_go_with_the_next_write_into_their_folder_and_others_stay()
    {
        using var running = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            var target = _folder.Combine("out.bin");
            var ended = Stage(StagedFileName.For(target, Environment.ProcessId, LocalProcess.CurrentStarted.AddHours(-1))); // its id now belongs to this process
            var gone = Stage(StagedFileName.For(target, running.Id, running.StartTime.ToUniversalTime().AddDays(-1)));
            var live = Stage(StagedFileName.For(target, running.Id, running.StartTime.ToUniversalTime()));
            var mine = Stage(StagedFileName.For(target));
            var otherHost = Stage(Path.Combine(_folder.Path, OtherHost(Path.GetFileName(StagedFileName.For(target, 1, DateTimeOffset.UnixEpoch)))));
            var notStaged = Stage(_folder.Combine(".notes.tmp"));

            AtomicFile.WriteAllBytes(target, [1]);

            Assert.False(File.Exists(ended));
            Assert.False(File.Exists(gone));
            Assert.All([live, mine, otherHost, notStaged], path => Assert.True(File.Exists(path), path));
        }
        finally
        {
            running.Kill();
        }
    }

    [Fact]
    public void A_folder_is_looked_through_for_leftovers_once_per_process_not_at_every_write()
    {
        var target = _folder.Combine("device.spi");
        AtomicFile.WriteAllBytes(target, [1]);
        var leftLater = Stage(StagedFileName.For(target, Environment.ProcessId, LocalProcess.CurrentStarted.AddHours(-1)));

        AtomicFile.WriteAllBytes(_folder.Combine("next-device.spi"), [2]);

        Assert.True(File.Exists(leftLater), "the second write listed the folder again");
    }

    private static string Stage(string path)
    {
        File.WriteAllText(path, "left");
        return path;
    }

    // The same name as staged by a host with another tag.
    private static string OtherHost(string stagedName)
    {
        var tagAt = stagedName.LastIndexOf('.', stagedName.Length - ".tmp".Length - 1) + 1;
        return stagedName[..tagAt] + (stagedName[tagAt] == '0' ? '1' : '0') + stagedName[(tagAt + 1)..];
    }
}
