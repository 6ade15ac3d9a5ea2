using System.Buffers.Binary;
using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Tests;

public class BitstreamFormatTests
{
    private static readonly byte[] _uek1 = Enumerable.Repeat((byte)7, 32).ToArray();

    private static BitstreamHeader Header(byte[]? dsn = null) => new()
    {
        FamilyCode = 5, TypeCode = 3, IdCode = 0x0F8031CF, Checksum = 0x8516, DesignName = "PROC_SUBSYSTEM", DesignVersion = 7, BackLevel = 2, Dsn = dsn,
    };

    private static readonly BitstreamComponent[] _components =
    [
        new(ComponentType.Fabric, KeyMode.Uek1, Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray()),
        new(ComponentType.G4Envm, KeyMode.Klk, [1, 2, 3]),
    ];

    private static byte[] KeyFor(KeyMode mode) => mode == KeyMode.Uek1 ? _uek1 : Klk.For(5);

    [Fact]
    public void The_header_sits_where_microchip_s_does_and_reads_back()
    {
        var built = BitstreamFormat.Build(Header(), _components, KeyFor);
        var bytes = built.Bytes;
        Assert.Equal(0, bytes[48]);
        Assert.Equal(0x8516, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x15D)));
        Assert.Equal("PROC_SUBSYSTEM"u8.ToArray(), bytes[0x15F..(0x15F + 14)]);
        Assert.Equal(7, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x17D)));
        Assert.Equal([32, 67, 5], built.ComponentBlocks); // 512-byte header; 64 + 1000 bytes; 64 + 3 bytes
        Assert.Equal(0, bytes.Length % 16);
        var (header, components) = BitstreamFormat.Read(bytes);
        Assert.Equal(Header() with { Dsn = null }, header with { Dsn = null });
        Assert.Equal([(ComponentType.Fabric, KeyMode.Uek1), (ComponentType.G4Envm, KeyMode.Klk)], components.Select(c => (c.Type, c.Mode)));
        Assert.Equal(1, bytes[components[0].Offset + 48]);
    }

    [Fact]
    public void Components_open_with_their_key_only()
    {
        var bytes = BitstreamFormat.Build(Header(), _components, KeyFor).Bytes;
        var (_, components) = BitstreamFormat.Read(bytes);
        Assert.Equal(_components[0].Payload, BitstreamFormat.Open(bytes, components[0].Offset, _uek1));
        Assert.Equal([1, 2, 3], BitstreamFormat.Open(bytes, components[1].Offset, Klk.For(5)));
        Assert.ThrowsAny<CryptographicException>(() => BitstreamFormat.Open(bytes, components[0].Offset, Klk.For(5)));
        Assert.DoesNotContain(_components[0].Payload[..64], Enumerable.Range(0, bytes.Length - 64).Select(i => bytes[i..(i + 64)]));
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes_and_a_dsn_binds_the_file()
    {
        Assert.Equal(BitstreamFormat.Build(Header(), _components, KeyFor).Bytes, BitstreamFormat.Build(Header(), _components, KeyFor).Bytes);
        var dsn = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
        var bound = BitstreamFormat.Build(Header(dsn), _components, KeyFor).Bytes;
        Assert.Equal(dsn, BitstreamFormat.Read(bound).Header.Dsn);
        Assert.NotEqual(BitstreamFormat.Build(Header(), _components, KeyFor).Bytes[512..], bound[512..]);
    }

    [Fact]
    public void Altered_or_truncated_bitstreams_are_refused()
    {
        var bytes = BitstreamFormat.Build(Header(), _components, KeyFor).Bytes;
        var altered = bytes.ToArray();
        altered[700] ^= 1;
        Assert.Contains("digest", Assert.Throws<FormatException>(() => BitstreamFormat.Read(altered)).Message);
        var header = bytes.ToArray();
        header[0x17D] ^= 1; // the design version: bound to every component
        Assert.ThrowsAny<CryptographicException>(() => BitstreamFormat.Open(header, 512, _uek1));
        Assert.Contains("truncated", Assert.Throws<FormatException>(() => BitstreamFormat.Read(bytes[..^16])).Message);
        Assert.Contains("not an SPPS bitstream", Assert.Throws<FormatException>(() => BitstreamFormat.Read(new byte[600])).Message);
    }

    [Fact]
    public void The_layout_alone_checks_the_structure_and_not_the_digest()
    {
        var bytes = BitstreamFormat.Build(Header(), _components, KeyFor).Bytes;
        var altered = bytes.ToArray();
        altered[700] ^= 1;
        Assert.Equal(BitstreamFormat.Read(bytes).Components, BitstreamFormat.Layout(altered).Components);
        Assert.Equal(BitstreamDigests.Components(bytes).Select(Convert.ToHexString), BitstreamFormat.Read(bytes).Components.Select(component => Convert.ToHexString(SHA256.HashData(bytes.AsSpan(component.Offset, component.Length)))));
        Assert.Contains("truncated", Assert.Throws<FormatException>(() => BitstreamFormat.Layout(bytes[..^16])).Message);
        Assert.Contains("not an SPPS bitstream", Assert.Throws<FormatException>(() => BitstreamDigests.Components(new byte[600])).Message);
    }

    /// <summary>
    /// A payload another thread changes while the bitstream is built: the nonce is the HMAC of the payload and the
    /// payload is then encrypted, so reading the caller's array twice could encrypt another plaintext than the one the
    /// nonce was made from (two plaintexts under one nonce: AES-GCM's keystream and authentication key given away).
    /// Every component must hold the nonce of exactly the plaintext it encrypts, whatever the other thread does.
    /// </summary>
    [Fact]
    public void A_payload_changed_while_it_is_built_is_encrypted_under_the_nonce_of_the_same_plaintext()
    {
        var payload = new byte[256 * 1024];
        var components = new[] { new BitstreamComponent(ComponentType.Fabric, KeyMode.Uek1, payload) };
        using var flipper = new ByteFlipper(payload, 0);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        for (var attempt = 0; attempt < 500 && DateTime.UtcNow < deadline; attempt++)
        {
            var bytes = BitstreamFormat.Build(Header(), components, KeyFor).Bytes;
            var offset = BitstreamFormat.Read(bytes).Components[0].Offset;
            var plaintext = BitstreamFormat.Open(bytes, offset, _uek1);

            // docs/formats/bitstream.md: the first 12 bytes of HMAC-SHA256(key, associated data ‖ payload), the
            // associated data being the header from byte 48 on and the component's bytes 48–63.
            byte[] authenticated = [.. bytes[48..512], .. bytes[(offset + 48)..(offset + 64)], .. plaintext];
            var nonce = HMACSHA256.HashData(_uek1, authenticated).AsSpan(0, 12);
            Assert.True(nonce.SequenceEqual(bytes.AsSpan(offset, 12)),
                $"Attempt {attempt}: the component's nonce is not the one of the plaintext it encrypts (the payload was read twice).");
        }
    }

    [Theory]
    [InlineData(0x7FFFFFF0u)] // 64 more bytes of preamble would wrap a 32-bit sum around
    [InlineData(0xFFFFFFF0u)]
    public void A_component_length_beyond_the_data_is_refused_however_large(uint length)
    {
        var bytes = BitstreamFormat.Build(Header(), _components, KeyFor).Bytes;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(512 + 52), length);
        SHA256.HashData(bytes.AsSpan(512), bytes.AsSpan(0, 32));
        Assert.Equal("component 1 runs beyond the end of the data (it is truncated)", Assert.Throws<FormatException>(() => BitstreamFormat.Read(bytes)).Message);
    }
}
