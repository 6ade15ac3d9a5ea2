namespace Spps.Formats.Design;

/// <summary>The user keys a design, an SPM or <c>set_key</c> can carry (KIP is never one: only the HSM makes it).</summary>
public static class UserKeys
{
    public static IReadOnlyList<string> Names { get; } = ["UPK1", "UEK1", "UPK2", "UEK2", "DPK", "UEK3"];

    public const int KeyBytes = 32;
}
