using Spps.Formats.Files;

namespace Spps.Formats.Tests;

public sealed class OutputPathTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public OutputPathTests()
    {
        File.WriteAllText(_folder.Combine("plain"), "a file");
        Directory.CreateDirectory(_folder.Combine("dir"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_new_file_or_folder_in_an_existing_or_missing_folder_has_no_obstacle()
    {
        Assert.Null(OutputPath.Obstacle(_folder.Combine("dir", "new.bin"), OutputKind.File));
        Assert.Null(OutputPath.Obstacle(_folder.Combine("missing", "deeper", "new.bin"), OutputKind.File));
        Assert.Null(OutputPath.Obstacle(_folder.Combine("dir"), OutputKind.Folder));
        Assert.Null(OutputPath.Obstacle(_folder.Combine(new string('n', 255)), OutputKind.File));
    }

    [Fact]
    public void Each_obstacle_is_named()
    {
        Assert.Equal($"'{_folder.Combine("plain")}' is a file, not a folder", OutputPath.Obstacle(_folder.Combine("plain", "x", "y.bin"), OutputKind.File));
        Assert.Equal($"'{_folder.Combine("plain")}' is a file, not a folder", OutputPath.Obstacle(_folder.Combine("plain", "ks"), OutputKind.Folder));
        Assert.Equal("it is a file, not a folder", OutputPath.Obstacle(_folder.Combine("plain"), OutputKind.Folder));
        Assert.Equal("it is a folder; give a file name", OutputPath.Obstacle(_folder.Combine("dir"), OutputKind.File));
        Assert.Equal("it is a folder; give a file name", OutputPath.Obstacle(_folder.Combine("new") + Path.DirectorySeparatorChar, OutputKind.File));
        Assert.Equal($"the name '{new string('é', 40)}…' has 256 bytes, more than the 255 a file system allows",
            OutputPath.Obstacle(_folder.Combine(new string('é', 128), "x.bin"), OutputKind.File));
    }

    [Fact]
    public void Try_write_runs_the_write_only_without_an_obstacle_and_explains_an_io_failure()
    {
        var written = false;
        Assert.Equal("it is a folder; give a file name", OutputPath.TryWrite(_folder.Combine("dir"), OutputKind.File, () => written = true));
        Assert.False(written);

        Assert.Null(OutputPath.TryWrite(_folder.Combine("dir", "x"), OutputKind.File, () => written = true));
        Assert.True(written);

        Assert.Equal($"permission denied: this user may not create or replace files in '{_folder.Combine("dir")}'",
            OutputPath.TryWrite(_folder.Combine("dir", "x"), OutputKind.File, () => throw new UnauthorizedAccessException("denied")));
        Assert.Equal($"the disk holding '{_folder.Combine("dir")}' is full",
            OutputPath.TryWrite(_folder.Combine("dir", "x"), OutputKind.File, () => throw new IOException("No space left on device", 28)));
        Assert.Throws<InvalidOperationException>(() => OutputPath.TryWrite(_folder.Combine("dir", "x"), OutputKind.File, () => throw new InvalidOperationException("a defect")));
    }
}
