using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Tests.Fuzzing;

public class BitstreamFuzzTests
{
    private static byte[] Seed(byte[]? dsn, params BitstreamComponent[] components) => BitstreamFormat.Build(
        new BitstreamHeader { FamilyCode = 5, TypeCode = 3, IdCode = 0x0F8031CF, Checksum = 0x8516, DesignName = "TOP", DesignVersion = 7, BackLevel = 2, Dsn = dsn },
        components, mode => Enumerable.Repeat((byte)mode, 32).ToArray()).Bytes;

    // The header's digest made to match what follows it, so the component layout is what gets checked.
    private static byte[] RepairDigest(byte[] bytes)
    {
        if (bytes.Length < BitstreamFormat.HeaderBytes)
        {
            return bytes;
        }

        var output = bytes.ToArray();
        SHA256.HashData(output.AsSpan(BitstreamFormat.HeaderBytes), output.AsSpan(0, 32));
        return output;
    }

    [Fact]
    public void Mutated_bitstreams_give_only_the_format_error()
    {
        // The bitstream reader names no file: export_spi_directory, its caller, puts the file's name in front.
        var target = new FuzzTarget("bitstream (SPI file)", [
                Seed(null, new(ComponentType.Fabric, KeyMode.Uek1, new byte[200]), new(ComponentType.G4Envm, KeyMode.Klk, [1, 2, 3])),
                Seed(new byte[16], new BitstreamComponent(ComponentType.Fabric, KeyMode.Uek2, [9]))],
            (bytes, _) => BitstreamFormat.Read(bytes), error => error is FormatException)
        {
            Source = string.Empty,
            Repair = RepairDigest,
        };
        Fuzzer.Run(target, seed: 1112, count: 2000);
    }
}
