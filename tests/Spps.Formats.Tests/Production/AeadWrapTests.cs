using System.Security.Cryptography;
using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class AeadWrapTests
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Unwraps_what_it_wrapped_for_the_same_purpose()
    {
        var wrapped = AeadWrap.Wrap(_key, _secret, "purpose");
        Assert.Equal(60, wrapped.Length);
        Assert.Equal(_secret, AeadWrap.TryUnwrap(_key, wrapped, "purpose"));
    }

    [Fact]
    public void Another_purpose_another_key_or_any_altered_byte_fails()
    {
        var wrapped = AeadWrap.Wrap(_key, _secret, "purpose");
        Assert.Null(AeadWrap.TryUnwrap(_key, wrapped, "other purpose"));
        Assert.Null(AeadWrap.TryUnwrap(RandomNumberGenerator.GetBytes(32), wrapped, "purpose"));
        for (var i = 0; i < wrapped.Length; i++)
        {
            var altered = wrapped.ToArray();
            altered[i] ^= 0x01;
            Assert.Null(AeadWrap.TryUnwrap(_key, altered, "purpose"));
        }

        Assert.Null(AeadWrap.TryUnwrap(_key, wrapped[..20], "purpose"));
    }

    [Fact]
    public void Wrapping_twice_gives_different_bytes() =>
        Assert.NotEqual(AeadWrap.Wrap(_key, _secret, "p"), AeadWrap.Wrap(_key, _secret, "p"));
}
