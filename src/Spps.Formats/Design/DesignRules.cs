using System.Globalization;
using System.Text.RegularExpressions;
using Spps.Devices;

namespace Spps.Formats.Design;

/// <summary>
/// Checks design data against the die it targets. Each broken rule is reported with the thing that breaks it and
/// what is accepted; the first one found is thrown by <see cref="Check"/>.
/// </summary>
public static partial class DesignRules
{
    public static IEnumerable<string> Problems(DesignData design, Die die)
    {
        if (string.IsNullOrWhiteSpace(design.Package))
        {
            yield return "the package is empty";
        }

        if (!Identifier().IsMatch(design.DesignName))
        {
            yield return $"the design name '{design.DesignName}' is not 1 to 64 letters, digits and '_'";
        }

        if (design.DesignVersion is < 0 or > 65535 || design.BackLevel is < 0 or > 65535)
        {
            yield return $"design version {design.DesignVersion} and back level {design.BackLevel} must be 0 to 65535";
        }
        else if (design.BackLevel > design.DesignVersion)
        {
            yield return $"the back level {design.BackLevel} is above the design version {design.DesignVersion}";
        }

        if (design.FabricBytes <= 0)
        {
            yield return "the fabric data is empty";
        }

        foreach (var problem in EnvmProblems(design.EnvmClients, die).Concat(SnvmProblems(design.SnvmClients, die)).Concat(KeyProblems(design.Keys, die)))
        {
            yield return problem;
        }

        foreach (var problem in PolicyProblems(design.Policy, die))
        {
            yield return problem;
        }
    }

    public static IEnumerable<string> KeyProblems(IReadOnlyDictionary<string, byte[]> keys, Die die)
    {
        foreach (var (name, value) in keys)
        {
            if (!KeyNames.User.Contains(name))
            {
                yield return $"'{name}' is not a user key (expecting {string.Join(", ", KeyNames.User)})";
            }
            else if (value.Length != KeyNames.KeyBytes)
            {
                yield return $"the key {name} has {value.Length} bytes instead of {KeyNames.KeyBytes}";
            }
            else if (name == "UEK3" && !die.HasUek3)
            {
                yield return $"UEK3 is only available for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150, not {die.Name}";
            }
        }
    }

    public static IEnumerable<string> PolicyProblems(SecurityPolicy policy, Die die)
    {
        if (policy.Uek3Enabled && !die.HasUek3)
        {
            yield return $"the policy enables UEK3, which {die.Name} does not have";
        }

        if (policy.EnvmUpdateProtected && !die.HasEnvm)
        {
            yield return $"the policy protects eNVM updates, but {die.Name} has no eNVM";
        }

        if (policy.SnvmUpdateProtected && !die.HasSnvm)
        {
            yield return $"the policy protects sNVM updates, but {die.Name} has no sNVM";
        }
    }

    /// <summary>Throws <see cref="Containers.ContainerException"/> with <paramref name="subject"/> and the first problem.</summary>
    public static void Check(DesignData design, Die die, string subject)
    {
        var problem = Problems(design, die).FirstOrDefault();
        if (problem is not null)
        {
            throw new Containers.ContainerException($"{subject}: {problem}.");
        }
    }

    private static IEnumerable<string> EnvmProblems(IReadOnlyList<EnvmClient> clients, Die die)
    {
        if (clients.Count > 0 && !die.HasEnvm)
        {
            yield return $"it has eNVM clients, but {die.Name} has no eNVM";
            yield break;
        }

        foreach (var problem in NameProblems(clients.Select(client => client.Name), "eNVM"))
        {
            yield return problem;
        }

        var ordered = clients.OrderBy(client => client.Address).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var client = ordered[i];
            var end = (long)client.Address + client.Size;
            if (client.Address < 0 || client.Size <= 0 || end > die.EnvmBytes)
            {
                yield return $"the eNVM client '{client.Name}' ({Hex(client.Address)}, {client.Size} bytes) does not fit in the {die.EnvmBytes / 1024} KB eNVM of {die.Name}";
            }
            else if (client.Content.Length != client.Size)
            {
                yield return $"the eNVM client '{client.Name}' has {client.Content.Length} bytes of content for a size of {client.Size}";
            }
            else if (i + 1 < ordered.Count && ordered[i + 1].Address < end)
            {
                yield return $"the eNVM clients '{client.Name}' and '{ordered[i + 1].Name}' overlap";
            }
        }
    }

    private static IEnumerable<string> SnvmProblems(IReadOnlyList<SnvmClient> clients, Die die)
    {
        if (clients.Count > 0 && !die.HasSnvm)
        {
            yield return $"it has sNVM clients, but {die.Name} has no sNVM";
            yield break;
        }

        foreach (var problem in NameProblems(clients.Select(client => client.Name), "sNVM"))
        {
            yield return problem;
        }

        var ordered = clients.OrderBy(client => client.StartPage).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var client = ordered[i];
            if (client.StartPage < 0 || client.Size <= 0 || client.StartPage + client.Pages > die.SnvmPages)
            {
                yield return $"the sNVM client '{client.Name}' (page {client.StartPage}, {client.Size} bytes, {client.Pages} pages) does not fit in the {die.SnvmPages} sNVM pages of {die.Name}";
            }
            else if (client.Content.Length != client.Size)
            {
                yield return $"the sNVM client '{client.Name}' has {client.Content.Length} bytes of content for a size of {client.Size}";
            }
            else if (i + 1 < ordered.Count && ordered[i + 1].StartPage < client.StartPage + client.Pages)
            {
                yield return $"the sNVM clients '{client.Name}' and '{ordered[i + 1].Name}' overlap";
            }
        }
    }

    private static IEnumerable<string> NameProblems(IEnumerable<string> names, string memory)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!Identifier().IsMatch(name))
            {
                yield return $"the {memory} client name '{name}' is not 1 to 64 letters, digits and '_'";
            }
            else if (!seen.Add(name))
            {
                yield return $"two {memory} clients are named '{name}'";
            }
        }
    }

    private static string Hex(int value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    // Design and client names: Libero identifiers.
    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex Identifier();
}
