namespace Spps.Hsm.Production;

/// <summary>
/// The device factory an M-HSM serves, as public facts read once from its seed: the factory id (bytes, as device
/// certificates carry it), the CA's public key (SubjectPublicKeyInfo DER) that checks device certificates, whether it
/// is the published development factory, and how it is shown (labelled when it is). The seed stays in the store.
/// </summary>
public sealed record ServedFactory(byte[] IdBytes, byte[] CaPublicKey, bool IsDevelopment, string Description)
{
    public string Id => Convert.ToHexStringLower(IdBytes);
}
