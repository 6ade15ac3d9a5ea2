using System.Buffers.Binary;
using System.Security.Cryptography;
using Spps.Devices;

namespace Spps.Formats.Design;

/// <summary>
/// Makes design data for any die, as Libero's export would describe it, with deterministic content from a seed: the
/// stand-in for Libero that tests, examples and users need. eNVM clients are laid out from address 0 on 256-byte
/// boundaries, sNVM clients from page 0.
/// </summary>
public static class DesignGenerator
{
    public const int EnvmAlignment = 256;

    public static (DesignData Design, byte[] Fabric) Generate(DesignRequest request)
    {
        var die = DeviceCatalog.Find(request.Device).Die;
        var fabric = request.Fabric ?? SeededBytes.Generate(request.Seed, "fabric", die.FabricBytes);
        var envm = new List<EnvmClient>();
        var address = 0;
        foreach (var (name, size, content) in request.EnvmClients)
        {
            envm.Add(new EnvmClient(name, address, size, content ?? SeededBytes.Generate(request.Seed, "envm:" + name, size)));
            address += (size + EnvmAlignment - 1) / EnvmAlignment * EnvmAlignment;
        }

        var snvm = new List<SnvmClient>();
        var page = 0;
        foreach (var (name, size, kind, content) in request.SnvmClients)
        {
            var client = new SnvmClient(name, page, size, kind, content ?? SeededBytes.Generate(request.Seed, "snvm:" + name, size));
            snvm.Add(client);
            page += client.Pages;
        }

        var keyNames = KeyNames.User.Where(name => name != "UEK3" || die.HasUek3);
        var keys = request.RandomKeys
            ? keyNames.ToDictionary(name => name, name => SeededBytes.Generate(request.Seed, "key:" + name, KeyNames.KeyBytes))
            : new Dictionary<string, byte[]>();
        var design = new DesignData
        {
            Die = DeviceCatalog.Find(request.Device).Name,
            Package = request.Package ?? DefaultPackage(die.Family),
            DesignName = request.DesignName,
            DesignVersion = request.DesignVersion,
            BackLevel = request.BackLevel,
            AutoUpdate = request.AutoUpdate,
            SiliconSignature = request.SiliconSignature,
            DesignChecksum = Checksum(fabric, envm, snvm),
            FabricBytes = fabric.Length,
            FabricSha256 = Convert.ToHexStringLower(SHA256.HashData(fabric)),
            EnvmClients = envm,
            SnvmClients = snvm,
            Policy = request.Policy,
            Keys = keys,
        };
        return (design, fabric);
    }

    private static string DefaultPackage(DeviceFamily family) => family.IsG4() ? "VF400" : "FCG1152";

    // A 16-bit design checksum over the programmed content, as the tools print one (CHECKSUM in STAPL files).
    private static ushort Checksum(byte[] fabric, IEnumerable<EnvmClient> envm, IEnumerable<SnvmClient> snvm)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(fabric);
        foreach (var content in envm.Select(client => client.Content).Concat(snvm.Select(client => client.Content)))
        {
            hash.AppendData(content);
        }

        return BinaryPrimitives.ReadUInt16BigEndian(hash.GetHashAndReset());
    }
}
