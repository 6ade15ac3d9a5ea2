using System.Text.Json;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Worlds;

/// <summary>
/// What a world's root certifies: that <see cref="PublicKey"/> (SubjectPublicKeyInfo DER) is the identity key of the
/// module role <see cref="Role"/> named <see cref="Uuid"/> (its u_hsm_uuid or m_hsm_uuid), in the world <see cref="World"/>.
/// </summary>
public sealed record CertifiedKey(string World, string Role, string Uuid, byte[] PublicKey)
{
    public const string UserRole = "user";
    public const string ManufacturerRole = "manufacturer";

    /// <summary>The bytes the root signs: this record as compact JSON, its members in this order (docs/security.md).</summary>
    internal byte[] SignedBytes() => JsonSerializer.SerializeToUtf8Bytes(this, HsmJson.Options);
}
