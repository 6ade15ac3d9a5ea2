using Spps.Hsm.Worlds;

namespace Spps.Hsm.Store;

/// <summary>The security world a module joined and the certificates its root gave the module's role identities.</summary>
internal sealed record WorldMembership(SecurityWorld World, IReadOnlyList<ModuleCertificate> Certificates);
