namespace Spps.Formats.Design;

/// <summary>
/// What a JDC carries (see docs/formats/jdc.md): the target die and package, the design's identity and versions,
/// its memory clients, its security policy and the plaintext user keys of a non-HSM export. The fabric data itself
/// stays in the file (it can be many megabytes); <see cref="FabricBytes"/> and <see cref="FabricSha256"/> describe it.
/// </summary>
public sealed record DesignData
{
    public required string Die { get; init; }

    public required string Package { get; init; }

    public required string DesignName { get; init; }

    public required int DesignVersion { get; init; }

    public required int BackLevel { get; init; }

    public required bool AutoUpdate { get; init; }

    public required uint SiliconSignature { get; init; }

    public required ushort DesignChecksum { get; init; }

    public required long FabricBytes { get; init; }

    public required string FabricSha256 { get; init; }

    public required IReadOnlyList<EnvmClient> EnvmClients { get; init; }

    public required IReadOnlyList<SnvmClient> SnvmClients { get; init; }

    public required SecurityPolicy Policy { get; init; }

    /// <summary>Plaintext user keys by name (UPK1, UEK1, UPK2, UEK2, DPK, UEK3), as a non-HSM export carries them.</summary>
    public required IReadOnlyDictionary<string, byte[]> Keys { get; init; }
}
