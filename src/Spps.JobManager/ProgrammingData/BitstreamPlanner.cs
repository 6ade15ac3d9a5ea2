using System.Buffers.Binary;
using System.Text;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Design;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// Turns the effective design and a bitstream's settings into what the bitstream contains: a security component for
/// bitstreams that program security, the fabric, one component per selected eNVM and sNVM client, and an
/// end-of-bitstream component on PolarFire families, each under the key mode of the bitstream's type.
/// </summary>
internal static class BitstreamPlanner
{
    public static BitstreamPlan Plan(EffectiveDesign effective, BitstreamEntry bitstream, byte[] fabric, byte[]? dsn)
    {
        var die = effective.Die;
        var (mode, modeKey) = bitstream.Type switch
        {
            "UEK1" or "UEK2" or "UEK3" => (Enum.Parse<KeyMode>(bitstream.Type, ignoreCase: true),
                new KeyUse(bitstream.Type, KeySource.Design, PerDevice: IsPerDevice(bitstream, bitstream.Type))),
            _ => (KeyMode.Klk, null),
        };
        var components = new List<PlannedComponent>();
        if (bitstream.Features.Contains("SECURITY"))
        {
            components.Add(new PlannedComponent(ComponentType.Keys, mode, SecurityComponent.Policy(SecurityComponent.Flags(effective.Policy)),
                [.. effective.Keys.Where(key => key.Value is not null).Select(key => (SecurityComponent.KeyId(key.Name), new KeyUse(key.Name, KeySource.Design)))]));
        }

        if (bitstream.Features.Contains("FABRIC"))
        {
            components.Add(Plain(ComponentType.Fabric, mode, fabric));
        }

        if (bitstream.Features.Contains("ENVM"))
        {
            foreach (var client in effective.EnvmClients.Where(c => bitstream.EnvmClients?.Contains(c.Client.Name) ?? true))
            {
                components.Add(Plain(die.Family.IsG4() ? ComponentType.G4Envm : ComponentType.G5Envm, mode,
                    MemoryClientComponent.Encode(new MemoryClientPayload((uint)client.Client.Address, 0, client.Client.Name, client.Client.Content))));
            }
        }

        if (bitstream.Features.Contains("SNVM"))
        {
            foreach (var client in effective.SnvmClients.Where(c => bitstream.SnvmClients?.Contains(c.Client.Name) ?? true))
            {
                components.Add(Plain(ComponentType.G5Snvm, mode,
                    MemoryClientComponent.Encode(new MemoryClientPayload((uint)client.Client.StartPage, (byte)client.Client.Kind, client.Client.Name, client.Client.Content))));
            }
        }

        if (!die.Family.IsG4())
        {
            components.Add(Plain(ComponentType.EndOfBitstream, mode, []));
        }

        var modeKeys = modeKey is null ? new Dictionary<KeyMode, KeyUse>() : new Dictionary<KeyMode, KeyUse> { [mode] = modeKey };
        return new BitstreamPlan(string.Empty, Header(effective, bitstream, effective.Design.DesignVersion, dsn), components, modeKeys);
    }

    /// <summary>Whether the bitstream's <paramref name="key"/> is a per-device value (the UNIQUE_KEY protocol names it).</summary>
    public static bool IsPerDevice(BitstreamEntry bitstream, string key) =>
        bitstream.Protocol == "UNIQUE_KEY" && bitstream.UniqueKeyTypes.Contains(key);

    public static BitstreamHeader Header(EffectiveDesign effective, BitstreamEntry bitstream, int designVersion, byte[]? dsn) => new()
    {
        FamilyCode = effective.Die.Family.DataFileCode(),
        TypeCode = (byte)BitstreamTypes.FromName(bitstream.Type)!.Value,
        IdCode = effective.Die.IdCode,
        IdMask = effective.Die.IdCodeMask,
        SiliconSignature = effective.Design.SiliconSignature,
        Checksum = effective.Design.DesignChecksum,
        DesignName = effective.Design.DesignName,
        DesignVersion = (ushort)designVersion,
        BackLevel = (ushort)effective.Design.BackLevel,
        Dsn = dsn,
    };

    private static PlannedComponent Plain(byte type, KeyMode mode, byte[] payload) => new(type, mode, payload, []);

    /// <summary>The plaintext value of a user key in the effective design (non-HSM flow), or null when it has none.</summary>
    public static byte[]? KeyValue(EffectiveDesign effective, string name) => effective.Keys.FirstOrDefault(key => key.Name == name)?.Value;
}
