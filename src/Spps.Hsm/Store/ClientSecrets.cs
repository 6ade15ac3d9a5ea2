using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Spps.Hsm.Store;

/// <summary>
/// The enrolled clients' request-signing secrets, each kept unwrapped beside the wrapped value it came from, so that a
/// request does not decrypt its client's row again (AES-GCM under the store key, an OpenSSL lookup each time). The
/// store reads the client's row on every request and asks for the secret of the value it read: a value that differs
/// from the one kept (the client enrolled again, its row replaced by another process) is decrypted anew, and a client
/// whose row is gone is forgotten. So the rows decide who is served, at once; this only spares decrypting a row it
/// has already seen byte for byte. Each caller gets its own copy, which it cannot use to change what is kept.
/// </summary>
internal sealed class ClientSecrets
{
    private readonly ConcurrentDictionary<string, (byte[] Wrapped, byte[] Secret)> _unwrapped = new(StringComparer.Ordinal);

    /// <summary>The secret <paramref name="wrapped"/> holds (a copy), or null when <paramref name="unwrap"/> refuses it.</summary>
    public byte[]? Unwrap(string clientId, byte[] wrapped, Func<byte[], byte[]?> unwrap)
    {
        if (_unwrapped.TryGetValue(clientId, out var kept) && kept.Wrapped.AsSpan().SequenceEqual(wrapped))
        {
            return kept.Secret.ToArray();
        }

        if (unwrap(wrapped) is not { } secret)
        {
            Forget(clientId);
            return null;
        }

        // A replaced secret is not zeroed: a request that read it a moment before may be copying it.
        _unwrapped[clientId] = (wrapped, secret.ToArray());
        return secret;
    }

    /// <summary>Drops, zeroed, what is kept of a client that is no longer enrolled (a request still reading it is refused anyway).</summary>
    public void Forget(string clientId)
    {
        if (_unwrapped.TryRemove(clientId, out var kept))
        {
            CryptographicOperations.ZeroMemory(kept.Secret);
        }
    }
}
