namespace Spps.Hsm.Protocol;

/// <summary>The body of every refused request: a kind and a message a person can act on.</summary>
public sealed record ErrorReply(string Code, string Error);
