using System.Buffers.Binary;
using System.Security.Cryptography;
using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>
/// The CoC keys of many devices of one task's target (<see cref="CertificateOfConformance.DeriveKey"/>, the same
/// SP 800-108 counter-mode block: HMAC-SHA256(KIP, [1]32 ‖ "SPPS CoC key" ‖ 0x00 ‖ DSN ‖ [256]32)), with the HMAC
/// keyed by the KIP once rather than once per device: a job status of 100,000 devices re-derives 100,000 keys.
/// </summary>
public sealed class CocKeyDeriver(ReadOnlySpan<byte> kip) : IDisposable
{
    private const int KeyBytes = 32;

    private static ReadOnlySpan<byte> Label => "SPPS CoC key"u8;

    private readonly IncrementalHash _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, kip);

    /// <summary>Writes the CoC key of <paramref name="dsn"/> into <paramref name="key"/> (32 bytes; the caller zeroes it).</summary>
    public void Derive(Dsn dsn, Span<byte> key)
    {
        // One block of L = 256 bits: counter 1, the label, a zero byte, the context (the DSN), L — all big-endian.
        Span<byte> input = stackalloc byte[4 + Label.Length + 1 + Dsn.Bytes + 4];
        BinaryPrimitives.WriteUInt32BigEndian(input, 1);
        Label.CopyTo(input[4..]);
        input[4 + Label.Length] = 0;
        dsn.CopyTo(input[(5 + Label.Length)..]);
        BinaryPrimitives.WriteUInt32BigEndian(input[^4..], KeyBytes * 8);
        _hmac.AppendData(input);
        _hmac.GetHashAndReset(key[..KeyBytes]);
    }

    public void Dispose() => _hmac.Dispose();
}
