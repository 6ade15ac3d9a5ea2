namespace Spps.Formats.Design;

/// <summary>What <c>jdcgen</c> is asked for; everything not given gets a sensible default from the die and the seed.</summary>
public sealed record DesignRequest
{
    public required string Device { get; init; }

    public string DesignName { get; init; } = "Top";

    public int DesignVersion { get; init; }

    public int BackLevel { get; init; }

    public bool AutoUpdate { get; init; }

    public string? Package { get; init; }

    public uint SiliconSignature { get; init; }

    public long Seed { get; init; } = 1;

    public bool RandomKeys { get; init; } = true;

    public SecurityPolicy Policy { get; init; } = new();

    /// <summary>eNVM clients: name, size, and content (null for seeded content).</summary>
    public IReadOnlyList<(string Name, int Size, byte[]? Content)> EnvmClients { get; init; } = [];

    /// <summary>sNVM clients: name, size, kind, and content (null for seeded content).</summary>
    public IReadOnlyList<(string Name, int Size, SnvmClientKind Kind, byte[]? Content)> SnvmClients { get; init; } = [];

    /// <summary>Fabric data; null for seeded data of the die's size.</summary>
    public byte[]? Fabric { get; init; }
}
