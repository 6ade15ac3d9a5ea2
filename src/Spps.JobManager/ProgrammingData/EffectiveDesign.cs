using Spps.Devices;
using Spps.Formats.Design;

namespace Spps.JobManager.ProgrammingData;

/// <summary>Where a key of the effective design comes from.</summary>
public enum KeyOrigin
{
    Design,
    SecurityOverwrite,
    SetKey,
    Keyset,
}

/// <summary>Where a memory client's content comes from.</summary>
public enum ContentOrigin
{
    Design,
    Update,
}

/// <summary>A key of the effective design; <see cref="Value"/> is null when the HSM holds it (keyset).</summary>
public sealed record EffectiveKey(string Name, KeyOrigin Origin, byte[]? Value);

public sealed record EffectiveEnvmClient(EnvmClient Client, ContentOrigin Origin);

public sealed record EffectiveSnvmClient(SnvmClient Client, ContentOrigin Origin);

/// <summary>
/// What a bitstream of a Programming Data entry will contain: the design with every modification applied. Precedence
/// (command reference 15.4.8.4.2): the policy comes from the security overwrite when one is set, else from the JDC;
/// in the HSM flow every key comes from the keyset; in the non-HSM flow a key set with <c>set_key</c> wins, then the
/// overwrite's, then the JDC's; a client update replaces the client's content from the JDC.
/// </summary>
public sealed record EffectiveDesign(
    DesignData Design, Die Die, bool HsmFlow, SecurityPolicy Policy, bool PolicyFromOverwrite,
    IReadOnlyList<EffectiveKey> Keys, IReadOnlyList<EffectiveEnvmClient> EnvmClients, IReadOnlyList<EffectiveSnvmClient> SnvmClients)
{
    public static EffectiveDesign Compute(
        DesignData design, bool hsmFlow, SecurityOverwrite? overwrite, IReadOnlyDictionary<string, byte[]> keyOverrides,
        IReadOnlyDictionary<string, byte[]> envmUpdates, IReadOnlyDictionary<string, byte[]> snvmUpdates)
    {
        var die = DeviceCatalog.Find(design.Die).Die;
        var keys = new List<EffectiveKey>();
        foreach (var name in KeyNames.User.Where(name => name != "UEK3" || die.HasUek3))
        {
            if (hsmFlow)
            {
                keys.Add(new EffectiveKey(name, KeyOrigin.Keyset, null));
            }
            else if (keyOverrides.TryGetValue(name, out var set))
            {
                keys.Add(new EffectiveKey(name, KeyOrigin.SetKey, set));
            }
            else if (overwrite is not null && overwrite.Keys.TryGetValue(name, out var fromSpm))
            {
                keys.Add(new EffectiveKey(name, KeyOrigin.SecurityOverwrite, fromSpm));
            }
            else if (design.Keys.TryGetValue(name, out var fromDesign))
            {
                keys.Add(new EffectiveKey(name, KeyOrigin.Design, fromDesign));
            }
        }

        return new EffectiveDesign(
            design, die, hsmFlow, overwrite?.Policy ?? design.Policy, overwrite is not null, keys,
            [.. design.EnvmClients.Select(client => envmUpdates.TryGetValue(client.Name, out var content)
                ? new EffectiveEnvmClient(client with { Content = content }, ContentOrigin.Update)
                : new EffectiveEnvmClient(client, ContentOrigin.Design))],
            [.. design.SnvmClients.Select(client => snvmUpdates.TryGetValue(client.Name, out var content)
                ? new EffectiveSnvmClient(client with { Content = content }, ContentOrigin.Update)
                : new EffectiveSnvmClient(client, ContentOrigin.Design))]);
    }
}
