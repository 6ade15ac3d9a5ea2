using System.Security.Cryptography;
using System.Text;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// Request and reply signatures are HMAC-SHA256 of the canonical text under the client's secret (docs/hsm-server.md),
/// whatever computes them: compared here with the platform's HMAC, for secrets shorter than, as long as and longer than
/// SHA-256's block, and for texts that are not ASCII.
/// </summary>
public sealed class RequestSignatureTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    public void A_signature_is_the_HMAC_SHA256_of_the_canonical_text(int secretBytes)
    {
        var secret = new byte[secretBytes];
        new Random(secretBytes).NextBytes(secret);
        var canonical = RequestSignature.HeadCanonical("post", "/v1/user/keysets/é", 1_790_000_000, RequestSignature.NewNonce(), 123);

        var signature = RequestSignature.Sign(secret, canonical);

        Assert.Equal(Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(canonical))), signature);
        Assert.True(RequestSignature.Verify(secret, canonical, signature));
    }

    /// <summary>Attack: a signature made under another secret, for another text, cut short or not Base64 passes nowhere.</summary>
    [Fact]
    public void A_signature_of_another_secret_or_text_or_a_damaged_one_is_refused()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var canonical = RequestSignature.ReplyCanonical(RequestSignature.NewNonce(), 200, SHA256.HashData("{}"u8));
        var signature = RequestSignature.Sign(secret, canonical);

        Assert.False(RequestSignature.Verify(RandomNumberGenerator.GetBytes(32), canonical, signature));
        Assert.False(RequestSignature.Verify(secret, canonical + " ", signature));
        Assert.False(RequestSignature.Verify(secret, canonical, signature[..^4]));
        Assert.False(RequestSignature.Verify(secret, canonical, "not base64!"));
        Assert.False(RequestSignature.Verify(secret, canonical, null));
        Assert.True(RequestSignature.Verify(secret, canonical, signature));
    }
}
