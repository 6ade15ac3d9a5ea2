using System.IO.Compression;
using System.Text;
using Spps.Formats.Containers;

namespace Spps.Formats.Tests;

public class ContainerFileTests
{
    private static readonly DateTimeOffset _created = new(2026, 3, 4, 5, 6, 8, TimeSpan.Zero);

    private static Container Sample() => new("spps-test", 1, "tests", _created, new Dictionary<string, byte[]>
    {
        ["b.bin"] = [1, 2, 3],
        ["a.json"] = Encoding.UTF8.GetBytes("{\"x\":1}"),
        ["dir/c.bin"] = new byte[100_000],
    });

    private static Container Read(byte[] bytes, string type = "spps-test", int newest = 1) =>
        ContainerFile.Read(new MemoryStream(bytes), "test.container", type, newest);

    [Fact]
    public void Round_trips_type_version_creator_time_and_parts()
    {
        var read = Read(ContainerFile.ToBytes(Sample()));
        Assert.Equal(("spps-test", 1, "tests", _created), (read.Type, read.FormatVersion, read.Creator, read.Created));
        Assert.Equal(Sample().Parts.OrderBy(p => p.Key).Select(p => (p.Key, Convert.ToHexString(p.Value))),
            read.Parts.OrderBy(p => p.Key).Select(p => (p.Key, Convert.ToHexString(p.Value))));
    }

    [Fact]
    public void The_same_content_gives_the_same_bytes()
    {
        Assert.Equal(ContainerFile.ToBytes(Sample()), ContainerFile.ToBytes(Sample()));
    }

    [Fact]
    public void The_manifest_comes_first_and_lists_each_part_with_its_sha256()
    {
        using var zip = new ZipArchive(new MemoryStream(ContainerFile.ToBytes(Sample())));
        Assert.Equal(["manifest.json", "a.json", "b.bin", "dir/c.bin"], zip.Entries.Select(e => e.FullName));
        using var manifest = new StreamReader(zip.Entries[0].Open());
        var text = manifest.ReadToEnd();
        Assert.Contains("\"sha256\": \"039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81\"", text);
        Assert.Contains("\"created\": \"2026-03-04T05:06:08Z\"", text);
    }

    [Fact]
    public void An_altered_part_is_refused()
    {
        var bytes = Rewrite(ContainerFile.ToBytes(Sample()), "b.bin", [9, 9, 9]);
        var error = Assert.Throws<ContainerException>(() => Read(bytes));
        Assert.Equal("'test.container' is not a valid container: the part 'b.bin' does not match its SHA-256 in the manifest (the file was altered or damaged).", error.Message);
    }

    [Fact]
    public void An_unlisted_part_is_refused()
    {
        var bytes = ContainerFile.ToBytes(Sample());
        var error = Assert.Throws<ContainerException>(() => Read(Added(bytes, "extra.bin")));
        Assert.Contains("it holds 'extra.bin', which its manifest does not list", error.Message);
    }

    [Theory]
    [InlineData("spps-other", 1, "it is a 'spps-test' container, not a 'spps-other'")]
    [InlineData("spps-test", 0, "has spps-test format version 1, newer than this program reads (0)")]
    public void The_wrong_type_or_a_newer_version_is_refused(string type, int newest, string reason)
    {
        var error = Assert.Throws<ContainerException>(() => Read(ContainerFile.ToBytes(Sample()), type, newest));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Truncated_or_random_bytes_are_refused_with_a_clear_error()
    {
        var bytes = ContainerFile.ToBytes(Sample());
        var random = new Random(7);
        foreach (var length in new[] { 0, 10, bytes.Length / 2, bytes.Length - 1 })
        {
            var error = Assert.Throws<ContainerException>(() => Read(bytes[..length]));
            Assert.StartsWith("'test.container' is not a valid container: ", error.Message);
        }

        for (var i = 0; i < 50; i++)
        {
            var noise = new byte[random.Next(1, 400)];
            random.NextBytes(noise);
            Assert.Throws<ContainerException>(() => Read(noise));
        }
    }

    [Fact]
    public void A_damaged_central_directory_is_a_container_error()
    {
        var bytes = ContainerFile.ToBytes(Sample());
        bytes[^12]++; // the end record's count of entries no longer matches the directory, which is read on first use
        var error = Assert.Throws<ContainerException>(() => Read(bytes));
        Assert.StartsWith("'test.container' is not a valid container: it is not a readable ZIP file (", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"b.bin\": {", "\"b.bin\": 5, \"x\": {", "the manifest's entry for 'b.bin' is not an object with its sha256 and size")]
    [InlineData("\"type\": \"spps-test\"", "\"type\": \"spps-\u00FF\"", "its manifest cannot be read: the text is not valid UTF-8")]
    public void A_manifest_of_the_wrong_shape_or_encoding_is_a_container_error(string search, string replacement, string reason)
    {
        var bytes = ContainerFile.ToBytes(Sample());
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        using (var manifest = new StreamReader(zip.GetEntry(ContainerFile.ManifestName)!.Open()))
        {
            var text = manifest.ReadToEnd();
            Assert.Contains(search, text, StringComparison.Ordinal);
            // \u00FF stands for a lone byte 0xFF, which no UTF-8 text contains.
            var changed = Encoding.Latin1.GetBytes(text.Replace(search, replacement, StringComparison.Ordinal));
            bytes = Rewrite(bytes, ContainerFile.ManifestName, changed);
        }

        var error = Assert.Throws<ContainerException>(() => Read(bytes));
        Assert.Equal($"'test.container' is not a valid container: {reason}.", error.Message);
    }

    [Fact]
    public void A_part_too_large_to_hold_is_refused_before_it_is_inflated()
    {
        // 16 MiB and one byte of zeros deflate to a few kilobytes: a small file must not make the reader hold them.
        var parts = new Dictionary<string, byte[]> { ["big.bin"] = new byte[ContainerFile.MaximumWholePartBytes + 1] };
        var bytes = ContainerFile.ToBytes(new Container("spps-test", 1, "tests", _created, parts));
        Assert.True(bytes.Length < 100_000);
        var error = Assert.Throws<ContainerException>(() => Read(bytes));
        Assert.Equal($"'test.container' is not a valid container: the part 'big.bin' has {ContainerFile.MaximumWholePartBytes + 1} bytes, more than the {ContainerFile.MaximumWholePartBytes} such a part can have.", error.Message);
    }

    [Fact]
    public void A_type_with_its_own_part_limit_reads_a_larger_part_whole_and_refuses_one_above_that_limit()
    {
        const int Limit = ContainerFile.MaximumWholePartBytes + 1024;
        var parts = new Dictionary<string, byte[]> { ["big.bin"] = new byte[ContainerFile.MaximumWholePartBytes + 1], ["bigger.bin"] = new byte[Limit + 1] };
        var bytes = ContainerFile.ToBytes(new Container("spps-test", 1, "tests", _created, parts));

        using var reader = ContainerReader.Open(new MemoryStream(bytes), "test.container", "spps-test", 1, maximumWholePartBytes: Limit);
        Assert.Equal(ContainerFile.MaximumWholePartBytes + 1, reader.Read("big.bin").Length);
        var error = Assert.Throws<ContainerException>(() => reader.Read("bigger.bin"));
        Assert.Equal($"'test.container' is not a valid container: the part 'bigger.bin' has {Limit + 1} bytes, more than the {Limit} such a part can have.", error.Message);
    }

    private static byte[] Rewrite(byte[] bytes, string name, byte[] content)
    {
        var copy = new MemoryStream();
        copy.Write(bytes);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)!.Delete();
            using var writer = zip.CreateEntry(name).Open();
            writer.Write(content);
        }

        return copy.ToArray();
    }

    private static byte[] Added(byte[] bytes, string name)
    {
        var copy = new MemoryStream();
        copy.Write(bytes);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var writer = zip.CreateEntry(name).Open();
            writer.WriteByte(1);
        }

        return copy.ToArray();
    }
}
