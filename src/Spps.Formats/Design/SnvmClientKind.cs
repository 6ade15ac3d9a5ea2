namespace Spps.Formats.Design;

/// <summary>How an sNVM client is stored: plain pages hold 256 bytes, authenticated and encrypted pages 236.</summary>
public enum SnvmClientKind
{
    Plain,
    Authenticated,
    Encrypted,
}
