using Spps.Formats.Containers;

namespace Spps.Formats.Design;

/// <summary>Our SPM: a container of type <c>spps-spm</c> with <c>spm.json</c> (die, policy) and <c>keys.json</c>. See docs/formats/spm.md.</summary>
public static class SpmFile
{
    public const string Type = "spps-spm";
    public const int FormatVersion = 1;

    public static byte[] ToBytes(SecurityOverwrite overwrite, string creator, DateTimeOffset created)
    {
        Check(overwrite, "the security settings", "The security settings cannot be written as an SPM");
        return ContainerFile.ToBytes(new Container(Type, FormatVersion, creator, created, new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["spm.json"] = DesignJson.Serialize(new DesignJson.SpmPart(overwrite.Die, overwrite.Policy)),
            ["keys.json"] = DesignJson.Serialize(DesignJson.KeysToHex(overwrite.Keys)),
        }));
    }

    public static SecurityOverwrite Read(Stream input, string source)
    {
        var container = ContainerFile.Read(input, source, Type, FormatVersion);
        var part = DesignJson.Deserialize<DesignJson.SpmPart>(container.Part("spm.json", source), source, "spm.json");
        if (part.Die is null || part.Policy is null)
        {
            throw new ContainerException($"'{source}': spm.json lacks its die or policy.");
        }

        var overwrite = new SecurityOverwrite(part.Die, part.Policy, JdcFile.ReadKeys(container.Part("keys.json", source), source, "keys.json"));
        Check(overwrite, source, $"'{source}' is not a valid SPM file");
        return overwrite;
    }

    private static void Check(SecurityOverwrite overwrite, string source, string subject)
    {
        var die = JdcFile.Die(overwrite.Die, source);
        var problem = DesignRules.KeyProblems(overwrite.Keys, die).Concat(DesignRules.PolicyProblems(overwrite.Policy, die)).FirstOrDefault();
        if (problem is not null)
        {
            throw new ContainerException($"{subject}: {problem}.");
        }
    }
}
