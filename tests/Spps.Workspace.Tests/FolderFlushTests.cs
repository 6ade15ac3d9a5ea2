using Spps.Devices;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Tests;

/// <summary>The folder flush that makes a rename durable reaches the system, and says which folder it could not flush.</summary>
public sealed class FolderFlushTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Folders_that_exist_are_flushed()
    {
        Directory.CreateDirectory(_folder.Combine("sub"));
        FolderFlush.Flush([_folder.Path, _folder.Combine("sub"), _folder.Path]);
    }

    [SkippableFact]
    public void A_folder_that_cannot_be_flushed_is_an_error_naming_it_that_says_the_files_are_written()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Folders are flushed on Linux only (NTFS journals a rename itself).");

        var missing = _folder.Combine("gone");
        var error = Assert.Throws<DomainException>(() => FolderFlush.Flush([missing]));
        Assert.Equal(["SPPS", "UNFLUSHED", missing], error.ErrorCode);
        Assert.StartsWith($"The files were written, but their folder '{missing}' could not be flushed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_into_new_folders_flushes_them_and_leaves_the_file_in_place()
    {
        var path = _folder.Combine("new", "deeper", "a.bin");
        AtomicFile.WriteAll([(path, stream => stream.WriteByte(7))]);
        Assert.Equal([7], File.ReadAllBytes(path));
    }
}
