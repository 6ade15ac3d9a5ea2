using System.Buffers.Binary;
using System.Text;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Design;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// Turns the effective design and a bitstream's settings into what the bitstream contains (non-HSM flow): a KEYS
/// component for bitstreams that program security, the fabric, one component per selected eNVM and sNVM client,
/// and an end-of-bitstream component on PolarFire families, each under the key mode of the bitstream's type.
/// </summary>
internal static class BitstreamPlanner
{
    public static (BitstreamHeader Header, List<BitstreamComponent> Components, Func<KeyMode, byte[]> KeyFor) Plan(
        EffectiveDesign effective, BitstreamEntry bitstream, byte[] fabric)
    {
        var die = effective.Die;
        var family = FamilyCode(die.Family);
        var mode = bitstream.Type switch
        {
            "UEK1" => KeyMode.Uek1,
            "UEK2" => KeyMode.Uek2,
            "UEK3" => KeyMode.Uek3,
            _ => KeyMode.Klk,
        };
        var components = new List<BitstreamComponent>();
        if (bitstream.Features.Contains("SECURITY"))
        {
            components.Add(new BitstreamComponent(ComponentType.Keys, mode, Security(effective)));
        }

        if (bitstream.Features.Contains("FABRIC"))
        {
            components.Add(new BitstreamComponent(ComponentType.Fabric, mode, fabric));
        }

        if (bitstream.Features.Contains("ENVM"))
        {
            foreach (var client in effective.EnvmClients.Where(c => bitstream.EnvmClients?.Contains(c.Client.Name) ?? true))
            {
                components.Add(new BitstreamComponent(die.Family.IsG4() ? ComponentType.G4Envm : ComponentType.G5Envm, mode,
                    ClientPayload(client.Client.Name, (uint)client.Client.Address, (byte)0, client.Client.Content)));
            }
        }

        if (bitstream.Features.Contains("SNVM"))
        {
            foreach (var client in effective.SnvmClients.Where(c => bitstream.SnvmClients?.Contains(c.Client.Name) ?? true))
            {
                components.Add(new BitstreamComponent(ComponentType.G5Snvm, mode,
                    ClientPayload(client.Client.Name, (uint)client.Client.StartPage, (byte)client.Client.Kind, client.Client.Content)));
            }
        }

        if (!die.Family.IsG4())
        {
            components.Add(new BitstreamComponent(ComponentType.EndOfBitstream, mode, []));
        }

        var header = new BitstreamHeader
        {
            FamilyCode = family,
            TypeCode = BitstreamFormat.TypeCodes[bitstream.Type],
            IdCode = die.IdCode,
            IdMask = die.IdCodeMask,
            SiliconSignature = effective.Design.SiliconSignature,
            Checksum = effective.Design.DesignChecksum,
            DesignName = effective.Design.DesignName,
            DesignVersion = (ushort)effective.Design.DesignVersion,
            BackLevel = (ushort)effective.Design.BackLevel,
        };
        return (header, components, keyMode => KeyFor(keyMode, family, effective));
    }

    public static byte FamilyCode(DeviceFamily family) => family switch
    {
        DeviceFamily.PolarFire => 7,
        DeviceFamily.PolarFireSoc => 8,
        _ => 5,
    };

    /// <summary>The plaintext value of a user key in the effective design (non-HSM flow), or null when it has none.</summary>
    public static byte[]? KeyValue(EffectiveDesign effective, string name) => effective.Keys.FirstOrDefault(key => key.Name == name)?.Value;

    private static byte[] KeyFor(KeyMode mode, byte family, EffectiveDesign effective)
    {
        if (mode == KeyMode.Klk)
        {
            return Klk.For(family);
        }

        var name = mode.ToString().ToUpperInvariant();
        return KeyValue(effective, name) ?? throw new JobManagerException(
            $"A {name} bitstream is encrypted with {name}, but the Programming Data has no {name} value: set one with set_key, in the JDC or in the SPM.", "NOKEY", name);
    }

    // The security component: the policy as flags, then every key the design programs (id byte and 32-byte value).
    private static byte[] Security(EffectiveDesign effective)
    {
        var policy = effective.Policy;
        bool[] flags = [policy.Uek1Enabled, policy.Uek2Enabled, policy.Uek3Enabled, policy.FabricUpdateProtected, policy.EnvmUpdateProtected,
            policy.SnvmUpdateProtected, policy.DebugLocked, policy.JtagLocked, policy.BackLevelProtection, policy.Permanent];
        var keys = effective.Keys.Where(key => key.Value is not null).ToList();
        var payload = new byte[4 + keys.Count * 33];
        BinaryPrimitives.WriteUInt16LittleEndian(payload, (ushort)flags.Select((flag, bit) => flag ? 1 << bit : 0).Sum());
        payload[2] = (byte)keys.Count;
        for (var i = 0; i < keys.Count; i++)
        {
            payload[4 + i * 33] = (byte)(UserKeys.Names.ToList().IndexOf(keys[i].Name) + 1);
            keys[i].Value!.CopyTo(payload, 5 + i * 33);
        }

        return payload;
    }

    // A client component: where it goes (address or start page), its kind, its name (30 bytes) and its content.
    private static byte[] ClientPayload(string name, uint location, byte kind, byte[] content)
    {
        var payload = new byte[4 + 1 + 30 + content.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, location);
        payload[4] = kind;
        Encoding.ASCII.GetBytes(name).AsSpan(0, Math.Min(30, name.Length)).CopyTo(payload.AsSpan(5));
        content.CopyTo(payload, 35);
        return payload;
    }
}
