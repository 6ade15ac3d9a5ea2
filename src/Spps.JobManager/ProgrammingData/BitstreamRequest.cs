namespace Spps.JobManager.ProgrammingData;

/// <summary>The options of one <c>init_bitstream</c> call, as given (null or empty when absent).</summary>
public sealed record BitstreamRequest
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public IReadOnlyList<string> Features { get; init; } = ["ALL"];

    public string? Protocol { get; init; }

    public IReadOnlyList<string> UniqueKeyTypes { get; init; } = [];

    public IReadOnlyList<string>? EnvmClients { get; init; }

    public IReadOnlyList<string>? SnvmClients { get; init; }

    public bool? GenerateCoc { get; init; }

    public string? AuthKeyMode { get; init; }

    public bool? EnableKeyRotation { get; init; }

    public bool? AutoIncrementDesignVersion { get; init; }

    public string? FirstKeyMode { get; init; }

    public bool? EnablePasskeyExport { get; init; }

    /// <summary>The request that gives <paramref name="bitstream"/>'s stored settings, so its rules can be checked again.</summary>
    public static BitstreamRequest Of(BitstreamEntry bitstream) => new()
    {
        Name = bitstream.Name,
        Type = bitstream.Type,
        Features = bitstream.Features,
        Protocol = bitstream.Protocol,
        UniqueKeyTypes = bitstream.UniqueKeyTypes,
        EnvmClients = bitstream.EnvmClients,
        SnvmClients = bitstream.SnvmClients,
        GenerateCoc = bitstream.GenerateCoc,
        AuthKeyMode = bitstream.AuthKeyMode,
        EnableKeyRotation = bitstream.EnableKeyRotation,
        AutoIncrementDesignVersion = bitstream.AutoIncrementDesignVersion,
        FirstKeyMode = bitstream.FirstKeyMode,
        EnablePasskeyExport = bitstream.EnablePasskeyExport,
    };
}
