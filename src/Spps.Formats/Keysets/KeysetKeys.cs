namespace Spps.Formats.Keysets;

/// <summary>
/// The keys a keyset holds: the token keys (project-wide values) and the base keys from which the HSM derives
/// per-device values. Names are upper case; the matching <c>create_keyset</c> option is the lower-case name.
/// </summary>
public static class KeysetKeys
{
    public static IReadOnlyList<string> TokenKeys { get; } = ["KIP", "UPK1", "UEK1", "UPK2", "UEK2", "DPK", "UEK3"];

    public static IReadOnlyList<string> BaseKeys { get; } = ["UPK1_BASE", "UEK1_BASE", "UPK2_BASE", "UEK2_BASE", "DPK_BASE", "UEK3_BASE"];

    /// <summary>Token keys then base keys, in the order of the command reference.</summary>
    public static IReadOnlyList<string> All { get; } = [.. TokenKeys, .. BaseKeys];

    /// <summary>Every key is 256 bits.</summary>
    public const int KeyBytes = 32;

    public static string OptionName(string key) => key.ToLowerInvariant();
}
