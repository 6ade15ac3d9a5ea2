namespace Spps.Hsm.Access;

/// <summary>The authentication headers of a request as the transport found them (null where absent or repeated).</summary>
public sealed record RequestHeaders(string? ClientId, string? Timestamp, string? Nonce, string? HeadSignature, string? Signature);
