using System.Security.Cryptography;
using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>
/// The one-time passcode of a DEBUG authorisation (docs/production.md, "Debug unlock"): HMAC-SHA256 under the
/// device's debug pass key (DPK) of ASCII <c>spps-debug-passcode</c> ‖ DSN (16) ‖ the challenge's nonce (16). The
/// M-HSM computes it and seals it in the code's <see cref="EntryName"/> entry; the device checks it with its own DPK.
/// The DPK never leaves the M-HSM: whoever opens the code learns a MAC bound to one nonce of one device.
/// </summary>
public static class DebugPasscode
{
    /// <summary>The authorisation code's entry that carries the passcode.</summary>
    public const string EntryName = "DEBUG_PASSCODE";

    public const int Bytes = 32;

    private static ReadOnlySpan<byte> Label => "spps-debug-passcode"u8;

    /// <summary>The passcode of device <paramref name="dsn"/> for the challenge <paramref name="challengeNonce"/> (the caller zeroes it).</summary>
    public static byte[] Compute(ReadOnlySpan<byte> dpk, Dsn dsn, ReadOnlySpan<byte> challengeNonce)
    {
        if (challengeNonce.Length != DeviceChallenge.NonceBytes)
        {
            throw new ArgumentException($"A challenge nonce has {DeviceChallenge.NonceBytes} bytes, not {challengeNonce.Length}.", nameof(challengeNonce));
        }

        return HMACSHA256.HashData(dpk, [.. Label, .. dsn.ToArray(), .. challengeNonce]);
    }

    /// <summary>Whether <paramref name="candidate"/> is the passcode of this DPK, device and nonce, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> dpk, Dsn dsn, ReadOnlySpan<byte> challengeNonce, ReadOnlySpan<byte> candidate)
    {
        var expected = Compute(dpk, dsn, challengeNonce);
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, candidate);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(expected);
        }
    }
}
