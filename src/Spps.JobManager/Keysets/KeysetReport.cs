namespace Spps.JobManager.Keysets;

/// <summary>What <c>report_keyset</c> shows: a keyset's identity and which keys it holds, never their values.</summary>
public sealed record KeysetReport(string Path, string KeysetId, string MasterKeyUuid, DateTimeOffset Created, string Creator,
    IReadOnlyList<string> TokenKeys, IReadOnlyList<string> BaseKeys);
