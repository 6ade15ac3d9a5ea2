using System.Buffers.Binary;
using System.Security.Cryptography;
using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>
/// What a device says after a PROGRAM with a CoC key: <c>SPPSCOC1</c> ‖ DSN ‖ cycle count (u32) ‖ number of
/// components c (u16) ‖ zero (u16) ‖ c × SHA-256 of each programmed component ‖ HMAC-SHA256(CoC key, all before).
/// The CoC key is derived from the task's KIP for the target and the DSN, so only an HSM (or the device) can make
/// or check one.
/// </summary>
public sealed class CertificateOfConformance
{
    private const int FixedBytes = 32;
    private const int DigestBytes = 32;
    private const int MacBytes = 32;

    private static ReadOnlySpan<byte> Marker => "SPPSCOC1"u8;

    private CertificateOfConformance(byte[] encoded) => Encoded = encoded;

    private byte[] Encoded { get; }

    public Dsn Dsn => Dsn.FromBytes(Encoded.AsSpan(8, Dsn.Bytes));

    public uint CycleCount => BinaryPrimitives.ReadUInt32LittleEndian(Encoded.AsSpan(24));

    public IReadOnlyList<byte[]> ComponentDigests =>
        [.. Enumerable.Range(0, BinaryPrimitives.ReadUInt16LittleEndian(Encoded.AsSpan(28))).Select(index => Encoded.AsSpan(FixedBytes + (index * DigestBytes), DigestBytes).ToArray())];

    public byte[] ToBytes() => Encoded.ToArray();

    /// <summary>
    /// The CoC key of a device: NIST SP 800-108 counter mode, HMAC-SHA256, key = the task's KIP for the target,
    /// Label = "SPPS CoC key", Context = the DSN, L = 256. The caller zeroes it.
    /// </summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> kip, ReadOnlySpan<byte> dsn) => dsn.Length == Dsn.Bytes
        ? SP800108HmacCounterKdf.DeriveBytes(kip, HashAlgorithmName.SHA256, "SPPS CoC key"u8, dsn, 32)
        : throw new ArgumentException($"A DSN has {Dsn.Bytes} bytes, not {dsn.Length}.", nameof(dsn));

    /// <summary>The device's side: the certificate of the components it just programmed (each as it stands in the bitstream, header excluded).</summary>
    public static CertificateOfConformance Compute(ReadOnlySpan<byte> cocKey, Dsn dsn, uint cycleCount, IReadOnlyList<byte[]> componentDigests)
    {
        if (componentDigests.Count > ushort.MaxValue || componentDigests.Any(digest => digest.Length != DigestBytes))
        {
            throw new ArgumentException($"A CoC lists up to {ushort.MaxValue} SHA-256 digests.", nameof(componentDigests));
        }

        var bytes = new byte[FixedBytes + (componentDigests.Count * DigestBytes) + MacBytes];
        Marker.CopyTo(bytes);
        dsn.ToArray().CopyTo(bytes, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), cycleCount);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), (ushort)componentDigests.Count);
        for (var index = 0; index < componentDigests.Count; index++)
        {
            componentDigests[index].CopyTo(bytes, FixedBytes + (index * DigestBytes));
        }

        HMACSHA256.HashData(cocKey, bytes.AsSpan(0, bytes.Length - MacBytes), bytes.AsSpan(bytes.Length - MacBytes));
        return new CertificateOfConformance(bytes);
    }

    /// <summary>Reads exactly what <see cref="Compute"/> makes; its MAC is checked by <see cref="Verify"/>.</summary>
    public static CertificateOfConformance Read(ReadOnlySpan<byte> bytes, string source)
    {
        const string What = "a certificate of conformance";
        RecordBytes.ExpectAtLeast(bytes, Marker, FixedBytes + MacBytes, source, What);

        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]);
        var expected = FixedBytes + (count * DigestBytes) + MacBytes;
        if (bytes[30] != 0 || bytes[31] != 0 || bytes.Length != expected)
        {
            throw new ProductionFormatException(source, $"{What} of {count} components has {expected} bytes and zero reserved bytes, not {bytes.Length} bytes");
        }

        return new CertificateOfConformance(bytes.ToArray());
    }

    /// <summary>Checks the MAC with the device's CoC key (the HSM's side).</summary>
    public void Verify(ReadOnlySpan<byte> cocKey, string source)
    {
        if (!IsMadeWith(cocKey))
        {
            throw new ProductionFormatException(source, $"the certificate of conformance of device {Dsn} is not made with its CoC key (it was altered or forged)");
        }
    }

    /// <summary>
    /// Whether the MAC checks with <paramref name="cocKey"/>: for a verifier that tries a CoC against several keys, where
    /// a MAC that does not check is an answer rather than a failure.
    /// </summary>
    public bool IsMadeWith(ReadOnlySpan<byte> cocKey)
    {
        using var hmac = new ReusableHmacSha256();
        return IsMadeWith(cocKey, hmac);
    }

    /// <summary>The same, with an HMAC reused across the CoCs of a status (<see cref="ReusableHmacSha256"/>).</summary>
    public bool IsMadeWith(ReadOnlySpan<byte> cocKey, ReusableHmacSha256 hmac)
    {
        Span<byte> mac = stackalloc byte[MacBytes];
        hmac.Compute(cocKey, Encoded.AsSpan(0, Encoded.Length - MacBytes), mac);
        return CryptographicOperations.FixedTimeEquals(mac, Encoded.AsSpan(Encoded.Length - MacBytes));
    }

    /// <summary>Whether the CoC lists exactly <paramref name="digests"/>, in order (compared in place: a status holds up to 100,000 CoCs).</summary>
    public bool Reports(IReadOnlyList<byte[]> digests)
    {
        if (BinaryPrimitives.ReadUInt16LittleEndian(Encoded.AsSpan(28)) != digests.Count)
        {
            return false;
        }

        for (var index = 0; index < digests.Count; index++)
        {
            if (!Encoded.AsSpan(FixedBytes + (index * DigestBytes), DigestBytes).SequenceEqual(digests[index]))
            {
                return false;
            }
        }

        return true;
    }
}
