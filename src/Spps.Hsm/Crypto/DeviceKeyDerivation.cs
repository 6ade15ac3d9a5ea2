using System.Security.Cryptography;
using System.Text;

namespace Spps.Hsm.Crypto;

/// <summary>
/// Per-device keys: <c>KDF(base key, key type, DSN)</c> with the NIST SP 800-108 KDF in counter mode, HMAC-SHA256
/// as PRF, a 32-bit counter before the fixed input, and the fixed input <c>Label ‖ 0x00 ‖ Context ‖ [L]32</c> with
/// Label = "SPPS per-device key", Context = key type (ASCII) ‖ 0x00 ‖ DSN (16 bytes), L = 256. Only HSM code calls
/// this: the base key and the result never leave the HSM.
/// </summary>
internal static class DeviceKeyDerivation
{
    public const int DsnBytes = 16;
    public const int KeyBytes = 32;

    public static ReadOnlySpan<byte> Label => "SPPS per-device key"u8;

    public static void Derive(ReadOnlySpan<byte> baseKey, string keyType, ReadOnlySpan<byte> dsn, Span<byte> destination)
    {
        if (dsn.Length != DsnBytes)
        {
            throw new ArgumentException($"A DSN has {DsnBytes} bytes, not {dsn.Length}.", nameof(dsn));
        }

        if (destination.Length != KeyBytes)
        {
            throw new ArgumentException($"A device key has {KeyBytes} bytes.", nameof(destination));
        }

        Span<byte> context = stackalloc byte[keyType.Length + 1 + DsnBytes];
        var written = Encoding.ASCII.GetBytes(keyType, context);
        context[written] = 0;
        dsn.CopyTo(context[(written + 1)..]);
        SP800108HmacCounterKdf.DeriveBytes(baseKey, HashAlgorithmName.SHA256, Label, context, destination);
    }
}
