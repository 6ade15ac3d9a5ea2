using System.Security.Cryptography;

namespace Spps.Testing;

/// <summary>Challenge nonces for tests that spend a ticket in the store directly, as the M-HSM records them (32 lower-case hex digits).</summary>
public static class Challenges
{
    /// <summary>A nonce no device made before: each spend answers a challenge of its own.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
