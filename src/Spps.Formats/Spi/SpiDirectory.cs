using System.Buffers.Binary;

namespace Spps.Formats.Spi;

/// <summary>One image named by an SPI directory: where it starts in the SPI flash and its design version.</summary>
public sealed record SpiImage(uint Address, ushort Version);

/// <summary>
/// The SmartFusion 2 / IGLOO 2 SPI flash directory at address 0: golden image address (u32), golden version (u16),
/// update image address (u32), update version (u16), little-endian, 12 bytes. An image not given is written as zeros.
/// </summary>
public static class SpiDirectory
{
    public const int Bytes = 12;

    public static byte[] ToBytes(SpiImage? golden, SpiImage? update)
    {
        var bytes = new byte[Bytes];
        if (golden is not null)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0), golden.Address);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), golden.Version);
        }

        if (update is not null)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(6), update.Address);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), update.Version);
        }

        return bytes;
    }

    public static (SpiImage Golden, SpiImage Update) Read(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= Bytes
            ? (new SpiImage(BinaryPrimitives.ReadUInt32LittleEndian(bytes), BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..])),
               new SpiImage(BinaryPrimitives.ReadUInt32LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..])))
            : throw new FormatException($"an SPI directory has {Bytes} bytes, not {bytes.Length}");
}
