namespace Spps.Formats.Production;

/// <summary>The ticketed action an authorisation code allows, as its byte 9 says.</summary>
public enum AuthorizedAction : byte
{
    Program = 1,
    Erase = 2,
    Verify = 3,

    /// <summary>Unlocks the device's debug features: the code carries a <see cref="DebugPasscode"/> for its challenge.</summary>
    Debug = 4,
}
