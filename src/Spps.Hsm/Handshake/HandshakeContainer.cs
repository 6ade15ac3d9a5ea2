using System.Security.Cryptography;
using System.Text.Json;
using Spps.Formats;
using Spps.Formats.Containers;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Handshake;

/// <summary>
/// Writes and reads the two handshake containers (job request, job reply) the one way: a signed container (ECDSA
/// P-384 over the manifest) of exactly two parts, the JSON document and the signer's module certificate; then checks
/// the signer against a world and a role. Each failure has its own code, so a refusal says which check failed.
/// </summary>
internal static class HandshakeContainer
{
    public const int FormatVersion = 1;
    private const string Creator = "spps-hsm";

    public static byte[] Write<T>(string type, string documentPart, T document, string certificatePart, ModuleCertificate certificate, ECDsa signer, DateTimeOffset created)
    {
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [documentPart] = JsonSerializer.SerializeToUtf8Bytes(document, HsmJson.Options),
            [certificatePart] = certificate.ToBytes(),
        };
        return ContainerFile.ToSignedBytes(new Container(type, FormatVersion, Creator, created, parts),
            manifest => signer.SignData(manifest, HashAlgorithmName.SHA384));
    }

    /// <summary>
    /// Reads a handshake container (not yet trusting anything in it); BAD_CONTAINER or BAD_CERTIFICATE when it is not one,
    /// or when a part is larger than <paramref name="maximumPartBytes"/> (its type's limit).
    /// </summary>
    public static SignedDocument<T> Read<T>(byte[]? bytes, string type, string documentPart, string certificatePart, string source,
        int maximumPartBytes = ContainerFile.MaximumWholePartBytes)
        where T : class
    {
        if (bytes is null || bytes.Length == 0)
        {
            throw new HsmException("BAD_CONTAINER", $"The {source} is empty.");
        }

        SignedContainer container;
        try
        {
            container = ContainerFile.ReadSigned(new MemoryStream(bytes, writable: false), source, type, FormatVersion, maximumPartBytes);
        }
        catch (ContainerException error)
        {
            throw new HsmException("BAD_CONTAINER", error.Message);
        }

        var unexpected = container.Content.Parts.Keys.FirstOrDefault(name => name != documentPart && name != certificatePart);
        if (unexpected is not null || container.Content.Parts.Count != 2)
        {
            throw new HsmException("BAD_CONTAINER", $"'{source}' is not a valid {type}: it must hold exactly the parts {documentPart} and {certificatePart}.");
        }

        var certificate = ModuleCertificate.Parse(container.Content.Parts[certificatePart], source);
        try
        {
            var document = JsonSerializer.Deserialize<T>(StrictJson.Parse(container.Content.Parts[documentPart]), HsmJson.Options) ?? throw new JsonException("it is empty");
            return new SignedDocument<T>(document, certificate, container);
        }
        catch (JsonException error)
        {
            throw new HsmException("BAD_CONTAINER", $"'{source}' is not a valid {type}: its {documentPart} cannot be read: {error.Message.TrimEnd('.')}.");
        }
    }

    /// <summary>
    /// Checks the signer: the manifest signed by the certificate's key (BAD_SIGNATURE), the certificate signed by the
    /// root of <paramref name="world"/> (FOREIGN_WORLD), for <paramref name="role"/> (WRONG_ROLE).
    /// </summary>
    public static void CheckSigner<T>(SignedDocument<T> signed, SecurityWorld world, string role, string source)
    {
        if (!signed.IsSignedBy(signed.Certificate))
        {
            throw new HsmException("BAD_SIGNATURE", $"The {source} is not signed by the key of the certificate it carries: it was altered or re-signed.");
        }

        if (!world.Certifies(signed.Certificate))
        {
            throw new HsmException("FOREIGN_WORLD",
                $"The {source} comes from a module outside this module's security world {world.Describe()}: its certificate names world {Quote(signed.Certificate.Subject.World)}.");
        }

        if (signed.Certificate.Subject.Role != role)
        {
            throw new HsmException("WRONG_ROLE", $"The {source} is signed by a module's {Quote(signed.Certificate.Subject.Role)} identity; it must be signed by a {role} identity.");
        }
    }

    /// <summary>A value from a container, quoted in a message at a readable length.</summary>
    public static string Quote(string value) => value.Length <= 80 ? $"'{value}'" : $"'{value[..77]}...'";
}
