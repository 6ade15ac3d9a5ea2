using System.Text;
using Spps.JobManager.Storage;

namespace Spps.JobManager.Tests;

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
        Assert.Throws<IOException>(() => AtomicFile.WriteAll(
        [
            (_folder.Combine("new", "deeper", "a.bin"), stream => stream.WriteByte(1)),
            (_folder.Combine("new", "other", "b.bin"), _ => throw new IOException("disk full (simulated)")),
        ]));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));

        AtomicFile.Write(_folder.Combine("new", "deeper", "a.bin"), stream => stream.WriteByte(1));
        Assert.Equal([1], File.ReadAllBytes(_folder.Combine("new", "deeper", "a.bin")));
    }

    [Fact]
    public void A_failure_in_the_middle_of_writing_leaves_the_old_file_intact_and_no_temporary_file()
    {
        var path = _folder.Combine("a.json");
        File.WriteAllText(path, "old content");
        var failure = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of the new con"));
            throw new IOException("disk full (simulated)");
        }));
        Assert.Equal("disk full (simulated)", failure.Message);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["a.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Creates_the_file_when_it_did_not_exist()
    {
        var path = _folder.Combine("fresh.json");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }
}
