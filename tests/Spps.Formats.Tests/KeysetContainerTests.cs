using Spps.Formats.Containers;
using Spps.Formats.Keysets;

namespace Spps.Formats.Tests;

public class KeysetContainerTests
{
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string Id = "11111111-2222-3333-4444-555555555555";

    private static WrappedKeyset Sample(int wrappedLength = KeysetContainer.WrappedKeyBytes) =>
        new(Master, Id, Filled(1, wrappedLength), KeysetKeys.All.Select((key, i) => (key, Filled(i + 2, wrappedLength))).ToDictionary(p => p.key, p => p.Item2));

    private static byte[] Filled(int value, int length) => Enumerable.Repeat((byte)value, length).ToArray();

    [Fact]
    public void Round_trips_every_field()
    {
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero);
        var file = KeysetContainer.Read(new MemoryStream(KeysetContainer.ToBytes(Sample(), "tests", created)), "k");
        Assert.Equal((Master, Id, created, "tests"), (file.Keyset.MasterKeyUuid, file.Keyset.KeysetId, file.Created, file.Creator));
        Assert.Equal(Sample().WrappedTicketKey, file.Keyset.WrappedTicketKey);
        Assert.Equal(KeysetKeys.All.Order(StringComparer.Ordinal), file.Keyset.WrappedKeys.Keys.Order(StringComparer.Ordinal));
        Assert.All(KeysetKeys.All, key => Assert.Equal(Sample().WrappedKeys[key], file.Keyset.WrappedKeys[key]));
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
