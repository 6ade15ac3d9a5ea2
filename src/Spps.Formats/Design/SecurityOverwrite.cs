namespace Spps.Formats.Design;

/// <summary>What an SPM file carries: the die it was made for, a security policy and the plaintext user keys.</summary>
public sealed record SecurityOverwrite(string Die, SecurityPolicy Policy, IReadOnlyDictionary<string, byte[]> Keys);
