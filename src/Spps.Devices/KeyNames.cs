namespace Spps.Devices;

/// <summary>
/// The names of the keys the Job Manager handles, in the command reference's order. User keys are what a design, an
/// SPM or <c>set_key</c> can carry and what a security component programs; a keyset adds KIP (made only by the HSM)
/// to them as its token keys, and holds a base key per user key from which the HSM derives each device's value.
/// Names are upper case; the matching option is the lower-case name (<c>-uek1</c>).
/// </summary>
public static class KeyNames
{
    /// <summary>Every key is 256 bits.</summary>
    public const int KeyBytes = 32;

    public static IReadOnlyList<string> User { get; } = ["UPK1", "UEK1", "UPK2", "UEK2", "DPK", "UEK3"];

    public static IReadOnlyList<string> Token { get; } = ["KIP", .. User];

    public static IReadOnlyList<string> Base { get; } = [.. User.Select(BaseOf)];

    /// <summary>Token keys then base keys: every key a keyset holds.</summary>
    public static IReadOnlyList<string> Keyset { get; } = [.. Token, .. Base];

    /// <summary>The base key a user key's per-device values are derived from (<c>UEK1_BASE</c> for UEK1).</summary>
    public static string BaseOf(string userKey) => userKey + "_BASE";

    /// <summary>The command option that gives a key's value (<c>-uek1</c> for UEK1).</summary>
    public static string OptionName(string key) => key.ToLowerInvariant();
}
