namespace Spps.Formats.Stapl;

/// <summary>
/// A segment whose digest VERIFY_DIGEST checks: its name as the result line prints it, the CHECK_DIGESTS result bit
/// that says it matches, the request bit that asks for it (null when the request does not name it), the component
/// type that makes the bitstream program it (null: always checked), and the unique exit code of a mismatch.
/// </summary>
internal sealed record DigestSegment(string Name, int ResultBit, int? RequestBit, byte? ComponentType, int Code);
