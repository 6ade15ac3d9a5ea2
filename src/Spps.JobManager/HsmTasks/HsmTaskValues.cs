using System.Text.RegularExpressions;

namespace Spps.JobManager.HsmTasks;

/// <summary>The shapes of the values the handshake stores in a task: ticket ids, request ids and digests.</summary>
public static partial class HsmTaskValues
{
    public const string RequestIdExpecting = "1 to 64 letters, digits and '-'";
    public const string DigestExpecting = "an even number of hex digits, from 64 (SHA-256) to 128 (SHA-512)";

    /// <summary>A ticket id as new_hsmtask_ticket makes it: 16 random bytes as 32 upper-case hex digits.</summary>
    public static bool IsTicketId(string id) => TicketId().IsMatch(id);

    public static bool IsRequestId(string id) => RequestId().IsMatch(id);

    public static bool IsDigest(string digest) => Digest().IsMatch(digest) && digest.Length % 2 == 0;

    [GeneratedRegex("^[0-9A-F]{32}$")]
    private static partial Regex TicketId();

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex RequestId();

    [GeneratedRegex("^[0-9A-Fa-f]{64,128}$")]
    private static partial Regex Digest();
}
