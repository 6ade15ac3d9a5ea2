using System.Security.Cryptography;

namespace Spps.Hsm.Worlds;

/// <summary>
/// A security world as its modules know it: the root's public key (SubjectPublicKeyInfo DER) and its id, the SHA-256
/// of that key in hex. Modules of one world trust each other's certificates; the development world's root is
/// published, so it offers no security (docs/security.md, "Security worlds").
/// </summary>
public sealed record SecurityWorld(string Id, byte[] RootPublicKey)
{
    public const string DevelopmentLabel = "development world (published root: offers no security)";

    public static SecurityWorld Of(byte[] rootPublicKey) => new(Convert.ToHexStringLower(SHA256.HashData(rootPublicKey)), rootPublicKey);

    public bool IsDevelopment => Id == WorldRoot.DevelopmentWorldId;

    /// <summary>The world's id, labelled when it is the development world.</summary>
    public string Describe() => IsDevelopment ? $"{Id} ({DevelopmentLabel})" : Id;

    /// <summary>Whether this world's root signed <paramref name="certificate"/> and the certificate names this world.</summary>
    public bool Certifies(ModuleCertificate certificate)
    {
        if (certificate.Subject.World != Id)
        {
            return false;
        }

        using var root = ECDsa.Create();
        root.ImportSubjectPublicKeyInfo(RootPublicKey, out _);
        return root.VerifyData(certificate.Subject.SignedBytes(), certificate.Signature, HashAlgorithmName.SHA384);
    }
}
