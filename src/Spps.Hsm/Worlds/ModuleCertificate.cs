using System.Text.Json;
using Spps.Formats;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Worlds;

/// <summary>
/// A module certificate: a role's identity key certified by a world's root (ECDSA P-384 over SHA-384, IEEE P1363).
/// Every module carries one per role from <c>init</c>; job requests and replies carry the signer's. As a file it is
/// compact JSON: <c>{format, world, role, uuid, publicKey, signature}</c>, byte arrays in base64.
/// </summary>
public sealed record ModuleCertificate(CertifiedKey Subject, byte[] Signature)
{
    private const string Format = "spps-module-certificate";

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(
        new CertificateFile(Format, Subject.World, Subject.Role, Subject.Uuid, Subject.PublicKey, Signature), HsmJson.Options);

    /// <summary>Reads a certificate's shape (not whether it is genuine: <see cref="SecurityWorld.Certifies"/>); <paramref name="source"/> is named in errors.</summary>
    public static ModuleCertificate Parse(byte[] bytes, string source)
    {
        try
        {
            var file = StrictJson.Parse(bytes)?.Deserialize<CertificateFile>(HsmJson.Options) ?? throw new JsonException("it is empty");
            return file.Format == Format && file.World.Length > 0 && file.Uuid.Length > 0 && file.PublicKey.Length > 0
                ? new ModuleCertificate(new CertifiedKey(file.World, file.Role, file.Uuid, file.PublicKey), file.Signature)
                : throw new JsonException($"it is not a {Format}");
        }
        catch (JsonException error)
        {
            throw new HsmException("BAD_CERTIFICATE", $"The module certificate in '{source}' cannot be read: {error.Message.TrimEnd('.')}.");
        }
    }

    private sealed record CertificateFile(string Format, string World, string Role, string Uuid, byte[] PublicKey, byte[] Signature);
}
