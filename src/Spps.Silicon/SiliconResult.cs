namespace Spps.Silicon;

/// <summary>What a device answers to an action, as DirectC reports it: an exit code (0 success) and a message.</summary>
public sealed record SiliconResult(int Code, string Message)
{
    public bool Passed => Code == SiliconCodes.Success;

    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>
/// The exit codes of the virtual devices (docs/silicon.md has the table): DirectC's generic codes (<c>dpalg.h</c>) and
/// its G5 unique exit codes where DirectC has one for the refusal; the messages are DirectC's where it has one.
/// </summary>
public static class SiliconCodes
{
    public const int Success = 0;
    public const int ProcessDataError = 2;
    public const int IdCodeError = 6;
    public const int ProgramError = 10;
    public const int VerifyError = 12;
    public const int AuthenticationFailure = 18;
    public const int VerifyDigestError = 60;
    public const int ActionNotSupported = 151;
    public const int BackLevelNotSatisfied = 32803;
    public const int DsnBindingMismatch = 32805;
    public const int InsufficientCapabilities = 32807;
    public const int ProgrammingDisabled = 32847;

    /// <summary>Ours: debug is locked, or cannot be unlocked (SmartDebug's codes are not public).</summary>
    public const int DebugAccessError = 33000;

    public const string InvalidKey = "Invalid/Corrupted encryption key.";

    internal static SiliconResult Ok(string message) => new(Success, message);

    internal static SiliconResult IdCode(uint actual, uint expected) =>
        new(IdCodeError, $"Failed to verify IDCODE. ActID = {actual:X8} ExpID = {expected:X8}");

    internal static SiliconResult Dsn() => new(DsnBindingMismatch, "DSN binding mismatch.");

    internal static SiliconResult BackLevel(int version, int backLevel) =>
        new(BackLevelNotSatisfied, $"Back level not satisfied. (design version {version} is not greater than the device's back level {backLevel})");

    internal static SiliconResult Disabled(string why) => new(ProgrammingDisabled, $"Bitstream programming action is disabled. ({why})");

    internal static SiliconResult Insufficient(string why) => new(InsufficientCapabilities, $"Insufficient device capabilities. ({why})");

    internal static SiliconResult Key(string why) => new(AuthenticationFailure, $"{InvalidKey} ({why})");

    internal static SiliconResult Authentication(string why) => new(AuthenticationFailure, $"Authentication failure: {why}");

    internal static SiliconResult DebugLocked() => new(DebugAccessError, $"Debug is locked. (the security policy locks debug; unlock it with a debug passcode, {DebugUnlock.Lasts})");

    internal static SiliconResult DebugRefused(string why) => new(DebugAccessError, $"Debug unlock refused. ({why})");

    internal static SiliconResult Data(string why) => new(ProcessDataError, $"Failed to process the bitstream data: {why}");
}
