using System.Text.Json;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Server;

/// <summary>
/// One operation the server answers: its method and path, its name in the audit log, the largest body it accepts
/// (checked before a byte of the body is read), how the body is parsed, and which call of the role it makes.
/// </summary>
internal sealed record HsmRoute(string Method, string Path, string Operation, long MaximumBodyBytes, Func<ReadOnlyMemory<byte>, object?> Parse, Func<IUserHsm, object?, object> Call)
{
    // A keyset request holds a few dozen wrapped keys; a bitstream request the largest die's design in base64.
    private const long KeysetBodyBytes = 1 << 20;
    private const long BitstreamBodyBytes = 64 << 20;

    public static IReadOnlyList<HsmRoute> All { get; } =
    [
        new("GET", HsmPaths.Info, "info", 0, _ => null, (role, _) => role.GetInfo()),
        Post<CreateKeysetRequest>(HsmPaths.Keysets, "create_keyset", KeysetBodyBytes, (role, request) => role.CreateKeyset(request)),
        Post<WrappedKeyset>(HsmPaths.VerifyKeyset, "verify_keyset", KeysetBodyBytes, (role, keyset) => role.VerifyKeyset(keyset)),
        Post<SealBitstreamRequest>(HsmPaths.Bitstreams, "seal_bitstream", BitstreamBodyBytes, (role, request) => role.SealBitstream(request)),
    ];

    public static long LargestBody { get; } = All.Max(route => route.MaximumBodyBytes);

    public static HsmRoute? Find(string method, string path) =>
        All.FirstOrDefault(route => route.Method == method && string.Equals(route.Path, path, StringComparison.Ordinal));

    private static HsmRoute Post<T>(string path, string operation, long maximumBodyBytes, Func<IUserHsm, T, object> call) =>
        new("POST", path, operation, maximumBodyBytes, body => ParseJson<T>(body), (role, request) => call(role, (T)request!));

    private static T ParseJson<T>(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, HsmJson.Options) ?? throw new HsmException("MALFORMED", "The request body is empty.");
        }
        catch (JsonException error)
        {
            throw new HsmException("MALFORMED", $"The request body is not a valid {typeof(T).Name}: {error.Message}");
        }
    }
}
