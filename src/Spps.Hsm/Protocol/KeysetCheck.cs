namespace Spps.Hsm.Protocol;

/// <summary>The U-HSM's word that a keyset is its own and intact: which keys it holds, never their values.</summary>
public sealed record KeysetCheck(string KeysetId, string MasterKeyUuid, IReadOnlyList<string> Keys);
