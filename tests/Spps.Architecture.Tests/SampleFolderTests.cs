namespace Spps.Architecture.Tests;

/// <summary>Where tests look for Microchip's sample files, and what a test says when one is missing.</summary>
public class SampleFolderTests
{
    [Fact]
    public void Samples_are_expected_beside_the_repository_unless_SPPS_SAMPLES_names_a_folder_absolute_or_from_the_root()
    {
        Assert.True(File.Exists(Path.Combine(SourceTree.Root, "JobManager.slnx")), $"'{SourceTree.Root}' is not the repository's root.");
        Assert.Equal(Path.Combine(Path.GetDirectoryName(SourceTree.Root)!, "shared", "samples"), Samples.FolderFor(null));
        Assert.Equal(Samples.FolderFor(null), Samples.FolderFor(string.Empty));
        var elsewhere = Path.Combine(Path.GetTempPath(), "samples");
        Assert.Equal(elsewhere, Samples.FolderFor(elsewhere));
        Assert.Equal(Path.Combine(SourceTree.Root, "samples"), Samples.FolderFor("samples"));
    }

    [Fact]
    public void A_missing_sample_skips_its_test_saying_where_it_was_expected_and_how_to_point_elsewhere()
    {
        var skip = Assert.Throws<SkipException>(() => Samples.Require("stapl/no-such-file.stp"));
        var expected = Path.Combine(Samples.Folder, "stapl", "no-such-file.stp");
        Assert.Equal($"The sample '{expected}' is not present: samples are expected in '{Samples.Folder}'; set SPPS_SAMPLES=DIR to read them from DIR.", skip.Message);
        Assert.True(Path.IsPathFullyQualified(Samples.Folder));
    }
}
