using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Handshake;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Production;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>
/// The user-HSM role: makes and checks keysets, seals the HSM flow's bitstream files, signs job requests and checks replies. Plaintext exists only inside
/// these methods and is zeroed before they return. Every call is audited, its refusals too.
/// </summary>
internal sealed class UserHsmRole(HsmModule module, IAuditLog audit) : IUserHsm
{
    private readonly AuditedCalls _audited = new(audit);

    public ModuleInfo GetInfo() => module.Info();

    public void Dispose()
    {
        // An embedded role holds nothing beyond the module.
    }

    public WrappedKeyset CreateKeyset(CreateKeysetRequest request) => _audited.Run("create_keyset", () => Create(request),
        keyset => $"keyset {keyset.KeysetId}, {request.Imports.Count} key(s) imported" + (request.Source is { } source ? $", copied from keyset {source.KeysetId}" : string.Empty));

    public KeysetCheck VerifyKeyset(WrappedKeyset keyset) => _audited.Run("verify_keyset", () => WithMaster(master =>
    {
        using var opened = OpenedKeyset.Open(keyset, master, module.Identity.UMasterHsmUuid);
        return new KeysetCheck(opened.KeysetId, keyset.MasterKeyUuid, [.. KeyNames.Keyset.Where(opened.Names.Contains)]);
    }), check => $"keyset {check.KeysetId}");

    public BuiltBitstream SealBitstream(SealBitstreamRequest request) => _audited.Run("seal_bitstream",
        () => WithMaster(master => BitstreamSealer.Seal(request, master, module.Identity.UMasterHsmUuid)),
        _ => BitstreamSealer.Describe(request));

    public SignedJobRequest SignJobRequest(JobRequestContent content) => _audited.Run("sign_job_request", () => new UserHandshake(module).Sign(content),
        signed => $"request {signed.RequestId}, {content.Tickets.Count} ticket(s)");

    public BoundManufacturer VerifyJobReply(byte[] request, byte[] reply) => _audited.Run("verify_job_reply", () => new UserHandshake(module).VerifyReply(request, reply),
        bound => $"request {bound.RequestId} bound to M-HSM {bound.MHsmUuid}");

    public SealedHsmJobTarget SealHsmJobTarget(SealHsmJobTargetRequest request) => _audited.Run("seal_hsm_job_target",
        () => WithMaster(master => HsmJobSealer.Seal(module, request, master)),
        _ => HsmJobSealer.Describe(request));

    public VerifiedJobStatus VerifyJobStatus(JobStatusCheck check) => _audited.Run("verify_job_status",
        () => WithMaster(master => new JobStatusVerifier(module).Verify(check, master)),
        JobStatusVerifier.Describe);

    private T WithMaster<T>(Func<byte[], T> use)
    {
        var master = module.Store.ReadSecret(HsmModule.MasterKey);
        try
        {
            return use(master);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    private WrappedKeyset Create(CreateKeysetRequest request)
    {
        if (request.Imports is null)
        {
            throw new HsmException("BADREQUEST", "The request has no list of imported keys.");
        }

        foreach (var (name, value) in request.Imports)
        {
            if (!KeyNames.Keyset.Contains(name) || value?.Length != KeyNames.KeyBytes)
            {
                throw new HsmException("BADREQUEST", "An imported key is not a 32-byte value of a keyset key (expecting one of " + string.Join(", ", KeyNames.Keyset) + ").");
            }
        }

        return WithMaster(master =>
        {
            var masterUuid = module.Identity.UMasterHsmUuid;
            using var source = request.Source is { } wrapped ? OpenedKeyset.Open(wrapped, master, masterUuid) : null;
            var ticket = source?.TicketKey.ToArray() ?? RandomNumberGenerator.GetBytes(32);
            var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var generated = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var key in KeyNames.Keyset)
                {
                    if (request.Imports.TryGetValue(key, out var imported))
                    {
                        keys[key] = imported.ToArray(); // supplied by a client: never generated, whatever the source said
                    }
                    else if (source is not null && source.Names.Contains(key))
                    {
                        keys[key] = source.Key(key).ToArray();
                        if (source.IsGenerated(key))
                        {
                            generated.Add(key);
                        }
                    }
                    else
                    {
                        keys[key] = RandomNumberGenerator.GetBytes(KeyNames.KeyBytes);
                        generated.Add(key);
                    }
                }

                return OpenedKeyset.Wrap(master, masterUuid, ticket, keys, generated);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(ticket);
                foreach (var value in keys.Values)
                {
                    CryptographicOperations.ZeroMemory(value);
                }
            }
        });
    }
}
