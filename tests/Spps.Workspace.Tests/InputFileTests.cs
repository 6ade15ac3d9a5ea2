using Spps.Devices;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Tests;

/// <summary>A small input file read whole: its bytes, or an error naming the file and what is wrong with it.</summary>
public sealed class InputFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void A_file_within_its_limit_is_read_whole()
    {
        var path = _folder.Combine("request");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], InputFile.ReadAllBytes(path, "job request", 3));
    }

    [Fact]
    public void A_file_over_its_limit_is_refused_naming_its_size_and_the_limit()
    {
        var path = _folder.Combine("request");
        File.WriteAllBytes(path, [1, 2, 3, 4]);

        var error = Assert.Throws<DomainException>(() => InputFile.ReadAllBytes(path, "job request", 3));

        Assert.Equal($"The job request '{path}' is 4 bytes; it can be at most 3 bytes.", error.Message);
        Assert.Equal(["SPPS", "TOOLARGE", path], error.ErrorCode);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_refused_naming_it()
    {
        var path = _folder.Combine("a folder");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<DomainException>(() => InputFile.ReadAllBytes(path, "job request", 3));

        Assert.StartsWith($"The job request '{path}' cannot be read: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["SPPS", "UNREADABLE", path], error.ErrorCode);
    }

    public void Dispose() => _folder.Dispose();
}
