namespace Spps.Hsm.Protocol;

/// <summary>
/// The U-HSM's word that a job reply is genuine and answers the given request: which M-HSM made it (UUID and its
/// identity public key, SubjectPublicKeyInfo DER) and the task key agreement value it carries (SPKI DER), to which
/// the task's secrets are later sealed.
/// </summary>
public sealed record BoundManufacturer(string RequestId, string MHsmUuid, byte[] IdentityPublicKey, byte[] TaskPublicKey);
