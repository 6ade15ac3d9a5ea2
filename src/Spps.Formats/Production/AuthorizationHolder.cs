using System.Security.Cryptography;

namespace Spps.Formats.Production;

/// <summary>
/// What a device uses to open an authorisation under a key mode: the key it shares with the M-HSM (FK, or UEKn), or
/// its private key (factory or user), with the private part of its live challenge for KFPE/KUPE.
/// </summary>
public sealed class AuthorizationHolder
{
    private AuthorizationHolder(byte[]? sharedKey, ECDiffieHellman? privateKey, ECDiffieHellman? challengeKey)
    {
        SharedKey = sharedKey;
        PrivateKey = privateKey;
        ChallengeKey = challengeKey;
    }

    internal byte[]? SharedKey { get; }

    internal ECDiffieHellman? PrivateKey { get; }

    internal ECDiffieHellman? ChallengeKey { get; }

    public static AuthorizationHolder Shared(ReadOnlySpan<byte> key) => new(key.ToArray(), null, null);

    /// <summary>The device's private key and, for the modes that need it, the private part of its live challenge.</summary>
    public static AuthorizationHolder Private(ECDiffieHellman privateKey, ECDiffieHellman challengeKey) => new(null, privateKey, challengeKey);
}
