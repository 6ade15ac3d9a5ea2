using System.Security.Cryptography;
using Spps.Formats.Containers;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Handshake;

/// <summary>A handshake container as read: its document, the signer's certificate, and the signed manifest.</summary>
internal sealed record SignedDocument<T>(T Document, ModuleCertificate Certificate, SignedContainer Container)
{
    /// <summary>Whether the manifest's signature was made by the key <paramref name="certificate"/> certifies.</summary>
    public bool IsSignedBy(ModuleCertificate certificate)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(certificate.Subject.PublicKey, out _);
            return key.KeySize == 384 && key.VerifyData(Container.Manifest, Container.Signature, HashAlgorithmName.SHA384);
        }
        catch (CryptographicException)
        {
            return false; // not a public key at all: it signed nothing
        }
    }
}
