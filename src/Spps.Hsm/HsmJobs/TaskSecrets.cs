using Spps.Formats.Production;

namespace Spps.Hsm.HsmJobs;

/// <summary>
/// What an HSM job's target gives its M-HSM, as named entries: each a key value (the task's KIP, the keys an
/// Initiator programs, their base keys for UNIQUE_KEY, an update's UEK) or a setting in ASCII (bitstream type,
/// protocol, key mode, CoC, policy flags).
/// </summary>
internal sealed class TaskSecrets : NamedEntries
{
    public const string Kip = "KIP";
    public const string Type = "TYPE";
    public const string Protocol = "PROTOCOL";
    public const string KeyMode = "KEY_MODE";
    public const string Coc = "GENERATE_COC";
    public const string Policy = "POLICY_FLAGS";
}
