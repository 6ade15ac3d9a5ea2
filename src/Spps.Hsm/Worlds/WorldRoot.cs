using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Spps.Formats;
using Spps.Formats.Files;
using Spps.Formats.Production;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Worlds;

/// <summary>
/// A security world's root private key (ECDSA P-384), which certifies the identity keys of the modules that join the
/// world when they are made. A private world's root lives in a file its owner keeps secret (<c>spps-hsm world</c>);
/// modules never store it. The development world's root is derived from a published label, so anyone can make it:
/// it exists so that a first run needs no setup, and protects nothing (docs/security.md, "Security worlds").
/// </summary>
public sealed class WorldRoot : IDisposable
{
    /// <summary>The published input of the development root (HKDF-SHA384 input keying material).</summary>
    public const string DevelopmentSeed = "SPPS development security world root: published, offers no security";

    private const string DevelopmentInfo = "spps-world-root P-384";
    private const string Format = "spps-world-root";

    private static readonly Lazy<string> _developmentWorldId = new(() =>
    {
        using var root = Development();
        return root.World.Id;
    });

    private readonly ECDsa _key;

    private WorldRoot(ECDsa key)
    {
        _key = key;
        World = SecurityWorld.Of(key.ExportSubjectPublicKeyInfo());
    }

    public SecurityWorld World { get; }

    internal static string DevelopmentWorldId => _developmentWorldId.Value;

    /// <summary>
    /// The development world's root: d = (OS2IP(HKDF-SHA384(IKM = <see cref="DevelopmentSeed"/>, no salt,
    /// info = "spps-world-root P-384", L = 64)) mod (n − 1)) + 1, n the order of P-384, so d is a valid scalar.
    /// </summary>
    public static WorldRoot Development() =>
        new(P384.DeriveSigningKey(Encoding.ASCII.GetBytes(DevelopmentSeed), Encoding.ASCII.GetBytes(DevelopmentInfo)));

    /// <summary>A new private world with a random root.</summary>
    public static WorldRoot Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP384));

    /// <summary>Reads a root written by <see cref="Save"/>; a missing, unreadable or damaged file is refused naming it.</summary>
    public static WorldRoot Load(string path)
    {
        byte[] privateKey = [];
        try
        {
            var file = StrictJson.Parse(File.ReadAllBytes(path))?.Deserialize<RootFile>(HsmJson.Options) ?? throw new JsonException("it is empty");
            privateKey = file.Format == Format ? file.PrivateKey : throw new JsonException($"it is not a {Format} file");
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(privateKey, out _);
            var root = new WorldRoot(key);
            if (key.KeySize != 384 || root.World.Id != file.World)
            {
                root.Dispose();
                throw new JsonException("its key is not a P-384 key of the world it names");
            }

            return root;
        }
        catch (Exception error) when (error is JsonException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new HsmException("WORLD", $"The world root file '{path}' cannot be used: {error.Message.TrimEnd('.')} (expecting a file written by 'spps-hsm world --out FILE').");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>Writes the root to a new file readable by its owner only; the file is a secret: whoever holds it can add modules to the world.</summary>
    public void Save(string path)
    {
        var privateKey = _key.ExportPkcs8PrivateKey();
        try
        {
            using var stream = OwnerOnlyFile.CreateNew(path);
            JsonSerializer.Serialize(stream, new RootFile(Format, World.Id, privateKey), HsmJson.Options);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>Certifies a module role's identity key in this world.</summary>
    internal ModuleCertificate Certify(string role, string uuid, byte[] publicKey)
    {
        var subject = new CertifiedKey(World.Id, role, uuid, publicKey);
        return new ModuleCertificate(subject, _key.SignData(subject.SignedBytes(), HashAlgorithmName.SHA384));
    }

    public void Dispose() => _key.Dispose();

    private sealed record RootFile(string Format, string World, byte[] PrivateKey);
}
