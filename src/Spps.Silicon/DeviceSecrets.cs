using System.Security.Cryptography;

namespace Spps.Silicon;

/// <summary>
/// What a virtual device keeps inside the die: its factory key FK, its factory and user EC private keys (PKCS#8), the
/// user keys programmed, and the private part of its live challenge. A bench stores them only wrapped under its key.
/// </summary>
public sealed class DeviceSecrets : IDisposable
{
    public required byte[] FactoryKey { get; init; }

    public required byte[] FactoryPrivateKey { get; init; }

    public required byte[] UserPrivateKey { get; init; }

    public Dictionary<string, byte[]> UserKeys { get; set; } = new(StringComparer.Ordinal);

    public byte[]? ChallengePrivateKey { get; set; }

    public void Dispose()
    {
        foreach (var value in new[] { FactoryKey, FactoryPrivateKey, UserPrivateKey, ChallengePrivateKey }.Concat(UserKeys.Values))
        {
            CryptographicOperations.ZeroMemory(value);
        }
    }
}
