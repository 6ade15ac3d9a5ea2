namespace Spps.Hsm.Protocol;

/// <summary>
/// One operation of the HSM protocol: its name in the audit log, its method and path, and the largest request body it
/// accepts. This table is the protocol's one list of operations: the server answers exactly these and the client
/// sends exactly these (docs/hsm-server.md).
/// </summary>
public sealed record HsmOperation(string Name, string Method, string Path, long MaximumBodyBytes)
{
    public const int DefaultPort = 7400;

    // A keyset request holds a few dozen wrapped keys; a bitstream request the largest die's design in base64.
    private const long KeysetBodyBytes = 1 << 20;
    private const long BitstreamBodyBytes = 64 << 20;

    public static HsmOperation Info { get; } = new("info", "GET", "/v1/info", 0);

    public static HsmOperation CreateKeyset { get; } = new("create_keyset", "POST", "/v1/user/keysets", KeysetBodyBytes);

    public static HsmOperation VerifyKeyset { get; } = new("verify_keyset", "POST", "/v1/user/keysets/verify", KeysetBodyBytes);

    public static HsmOperation SealBitstream { get; } = new("seal_bitstream", "POST", "/v1/user/bitstreams", BitstreamBodyBytes);

    public static IReadOnlyList<HsmOperation> All { get; } = [Info, CreateKeyset, VerifyKeyset, SealBitstream];

    public static long LargestBody { get; } = All.Max(operation => operation.MaximumBodyBytes);

    public static HsmOperation? Find(string method, string path) =>
        All.FirstOrDefault(operation => operation.Method == method && string.Equals(operation.Path, path, StringComparison.Ordinal));
}
