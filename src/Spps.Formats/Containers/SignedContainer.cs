namespace Spps.Formats.Containers;

/// <summary>
/// A signed container as read: its content (every part checked against the manifest), the manifest's exact bytes and
/// the signature over them. Who signed it, and whether that signer is trusted, is the reader's caller's decision.
/// </summary>
public sealed record SignedContainer(Container Content, byte[] Manifest, byte[] Signature);
