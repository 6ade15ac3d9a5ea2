namespace Spps.Formats.Keysets;

/// <summary>A keyset as read from its file, with when and by what the file was made.</summary>
public sealed record KeysetFile(WrappedKeyset Keyset, DateTimeOffset Created, string Creator);
