using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Keysets;

namespace Spps.Formats.Tests;

public class KeysetContainerTests
{
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string Id = "11111111-2222-3333-4444-555555555555";

    private static WrappedKeyset Sample(int wrappedLength = KeysetContainer.WrappedKeyBytes) =>
        new(Master, Id, Filled(1, wrappedLength), KeyNames.Keyset.Select((key, i) => (key, Filled(i + 2, wrappedLength))).ToDictionary(p => p.key, p => p.Item2),
            ["UEK1", "DPK_BASE"]);

    private static byte[] Filled(int value, int length) => Enumerable.Repeat((byte)value, length).ToArray();

    [Fact]
    public void Round_trips_every_field()
    {
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero);
        var file = KeysetContainer.Read(new MemoryStream(KeysetContainer.ToBytes(Sample(), "tests", created)), "k");
        Assert.Equal((Master, Id, created, "tests"), (file.Keyset.MasterKeyUuid, file.Keyset.KeysetId, file.Created, file.Creator));
        Assert.Equal(Sample().WrappedTicketKey, file.Keyset.WrappedTicketKey);
        Assert.Equal(KeyNames.Keyset.Order(StringComparer.Ordinal), file.Keyset.WrappedKeys.Keys.Order(StringComparer.Ordinal));
        Assert.All(KeyNames.Keyset, key => Assert.Equal(Sample().WrappedKeys[key], file.Keyset.WrappedKeys[key]));
        Assert.Equal(["UEK1", "DPK_BASE"], file.Keyset.GeneratedKeys);
    }

    [Fact]
    public void A_version_1_file_is_read_with_no_key_counted_as_generated()
    {
        var current = ContainerFile.Read(new MemoryStream(KeysetContainer.ToBytes(Sample(), "tests", DateTimeOffset.UnixEpoch)), "k", KeysetContainer.Type, 2);
        var versionOne = ContainerFile.ToBytes(current with { FormatVersion = 1 });
        var file = KeysetContainer.Read(new MemoryStream(versionOne), "old");
        Assert.Empty(file.Keyset.GeneratedKeys);
        Assert.Equal(13, file.Keyset.WrappedKeys.Count);
    }

    [Theory]
    [InlineData("[\"UEK9\"]", "'generatedKeys' names an unknown or repeated key 'UEK9'")]
    [InlineData("[\"UEK1\",\"UEK1\"]", "'generatedKeys' names an unknown or repeated key 'UEK1'")]
    [InlineData("[1]", "'generatedKeys' holds a value that is not a key name")]
    [InlineData("null", "keyset.json has no 'generatedKeys' list")]
    public void A_bad_list_of_generated_keys_is_refused(string list, string expected)
    {
        var error = Assert.Throws<ContainerException>(() => KeysetContainer.Read(new MemoryStream(WithDescription(json => json.Replace("\"generatedKeys\": [\n    \"UEK1\",\n    \"DPK_BASE\"\n  ]", "\"generatedKeys\": " + list, StringComparison.Ordinal))), "k"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_key_the_keyset_does_not_hold_is_refused()
    {
        var sample = Sample();
        var keys = sample.WrappedKeys.Where(pair => pair.Key != "DPK_BASE").ToDictionary();
        var bytes = KeysetContainer.ToBytes(sample with { WrappedKeys = keys }, "t", DateTimeOffset.UnixEpoch);
        var error = Assert.Throws<ContainerException>(() => KeysetContainer.Read(new MemoryStream(bytes), "k"));
        Assert.Contains("'generatedKeys' names DPK_BASE, which the keyset does not hold", error.Message, StringComparison.Ordinal);
    }

    // The sample file with its keyset.json rewritten (and the manifest's hashes made to match).
    private static byte[] WithDescription(Func<string, string> rewrite)
    {
        var container = ContainerFile.Read(new MemoryStream(KeysetContainer.ToBytes(Sample(), "tests", DateTimeOffset.UnixEpoch)), "k", KeysetContainer.Type, 2);
        var json = rewrite(System.Text.Encoding.UTF8.GetString(container.Parts["keyset.json"]));
        var parts = container.Parts.ToDictionary();
        parts["keyset.json"] = System.Text.Encoding.UTF8.GetBytes(json);
        return ContainerFile.ToBytes(container with { Parts = parts });
    }

    [Fact]
    public void A_wrapped_key_of_the_wrong_length_is_refused()
    {
        var bytes = KeysetContainer.ToBytes(Sample(59), "tests", DateTimeOffset.UnixEpoch);
        var error = Assert.Throws<ContainerException>(() => KeysetContainer.Read(new MemoryStream(bytes), "k"));
        Assert.Contains("has 59 bytes instead of 60", error.Message);
    }

    [Fact]
    public void Another_container_type_is_not_a_keyset()
    {
        var other = ContainerFile.ToBytes(new Container("spps-jdc", 1, "t", DateTimeOffset.UnixEpoch, new Dictionary<string, byte[]>()));
        var error = Assert.Throws<ContainerException>(() => KeysetContainer.Read(new MemoryStream(other), "k"));
        Assert.Contains("it is a 'spps-jdc' container, not a 'spps-keyset'", error.Message);
    }
}
