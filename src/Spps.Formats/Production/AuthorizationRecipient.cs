namespace Spps.Formats.Production;

/// <summary>
/// What the M-HSM knows of a device to seal an authorisation for it under a key mode: a key both share (FK for
/// DFK, the device's UEKn for an update target), or the device's public key (its factory key from its certificate
/// for KFP/KFPE, its user key from its statement for KUP/KUPE).
/// </summary>
public sealed class AuthorizationRecipient
{
    private AuthorizationRecipient(byte[]? sharedKey, byte[]? publicKey)
    {
        SharedKey = sharedKey;
        PublicKey = publicKey;
    }

    internal byte[]? SharedKey { get; }

    internal byte[]? PublicKey { get; }

    public static AuthorizationRecipient Shared(ReadOnlySpan<byte> key) => new(key.ToArray(), null);

    public static AuthorizationRecipient Public(ReadOnlySpan<byte> point) => P384.IsPoint(point)
        ? new(null, point.ToArray())
        : throw new ArgumentException("The recipient's key is not a P-384 point.", nameof(point));
}
