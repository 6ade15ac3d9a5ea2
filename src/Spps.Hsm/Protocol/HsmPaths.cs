namespace Spps.Hsm.Protocol;

/// <summary>The paths of the HSM protocol, shared by the server's route table and the client (docs/hsm-server.md).</summary>
public static class HsmPaths
{
    public const string Info = "/v1/info";
    public const string Keysets = "/v1/user/keysets";
    public const string VerifyKeyset = "/v1/user/keysets/verify";
    public const string Bitstreams = "/v1/user/bitstreams";
}
