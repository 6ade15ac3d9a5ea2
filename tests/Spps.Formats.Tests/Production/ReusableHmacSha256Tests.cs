using System.Security.Cryptography;
using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class ReusableHmacSha256Tests
{
    // RFC 4231, test cases 1 and 2 (HMAC-SHA-256).
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    public void It_gives_the_rfc_4231_macs(string key, string message, string mac)
    {
        using var hmac = new ReusableHmacSha256();
        var computed = new byte[32];
        hmac.Compute(Convert.FromHexString(key), Convert.FromHexString(message), computed);
        Assert.Equal(mac, Convert.ToHexStringLower(computed));
    }

    [Fact]
    public void Reused_for_many_keys_and_messages_it_gives_the_platform_hmac_of_each()
    {
        var random = new Random(4231);
        using var hmac = new ReusableHmacSha256();
        for (var round = 0; round < 200; round++)
        {
            var key = new byte[random.Next(0, 150)]; // every length up to over two blocks
            var message = new byte[random.Next(0, 300)];
            random.NextBytes(key);
            random.NextBytes(message);
            var computed = new byte[32];
            hmac.Compute(key, message, computed);
            Assert.Equal(HMACSHA256.HashData(key, message), computed);
        }
    }

    // RFC 4231, test case 6: a 131-byte key, hashed first.
    [Fact]
    public void A_key_longer_than_one_block_is_hashed_first_as_rfc_4231_shows()
    {
        using var hmac = new ReusableHmacSha256();
        var computed = new byte[32];
        hmac.Compute(Enumerable.Repeat((byte)0xaa, 131).ToArray(), "Test Using Larger Than Block-Size Key - Hash Key First"u8, computed);
        Assert.Equal("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", Convert.ToHexStringLower(computed));
    }

    [Fact]
    public void A_short_mac_buffer_is_refused_before_anything_is_hashed_and_the_next_mac_is_right()
    {
        using var hmac = new ReusableHmacSha256();
        byte[] key = [1, 2, 3], message = [4, 5, 6];
        var error = Assert.Throws<ArgumentException>(() => hmac.Compute(key, message, new byte[31]));
        Assert.Contains("at least 32 bytes, not 31", error.Message, StringComparison.Ordinal);

        var mac = new byte[32];
        hmac.Compute(key, message, mac);
        Assert.Equal(HMACSHA256.HashData(key, message), mac);
    }
}
