namespace Spps.Hsm;

/// <summary>The refusal of an HSM operation whose implementation has not landed yet: said plainly, never faked.</summary>
internal static class HsmNotYet
{
    public static HsmException Refusal(string operation) =>
        new("NOTIMPLEMENTED", $"The HSM operation '{operation}' is not implemented yet.");
}
