using System.Security.Cryptography;
using Spps.Formats.Production;
using Spps.Hsm.Crypto;
using Spps.Hsm.Handshake;

namespace Spps.Hsm.HsmJobs;

/// <summary>
/// The M-HSM's first step of production for an HSM job's target: opening its sealed secrets with the task key this
/// module made when it processed the request. Only the M-HSM the task is bound to holds that key (its task_keys row,
/// wrapped under its own master key), so the job is useless on any other module. Production
/// (<see cref="Production.DeviceAuthorizer"/>) opens them for every ticketed action before it spends the ticket.
/// </summary>
internal static class TaskSecretsOpener
{
    public static TaskSecrets Open(HsmModule module, string requestId, string target, IReadOnlyList<string> ticketIds, byte[] sealedSecrets)
    {
        var wrapped = module.Store.ReadTaskKey(requestId)
                      ?? throw new HsmException("NOT_BOUND_HERE",
                          $"This M-HSM ({module.Identity.MHsmUuid}) holds no task key for request {HandshakeContainer.Quote(requestId)}: the HSM job was bound to another M-HSM, " +
                          "or its tickets were removed here.");
        var master = module.Store.ReadSecret(HsmModule.MasterKey);
        var privateKey = AeadWrap.TryUnwrap(master, wrapped, ManufacturerHandshake.TaskKeyPurpose(module.Identity.MHsmUuid, requestId));
        CryptographicOperations.ZeroMemory(master);
        if (privateKey is null)
        {
            throw new HsmException("STORE", $"The task key of request {requestId} in the HSM store '{module.Folder}' does not decrypt with its master key (the store is damaged).");
        }

        using var taskKey = ECDiffieHellman.Create();
        try
        {
            taskKey.ImportPkcs8PrivateKey(privateKey, out _);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }

        var plaintext = TaskSeal.TryOpen(taskKey, sealedSecrets, HsmJobSealer.SealPurpose(requestId, target, ticketIds))
                        ?? throw new HsmException("NOT_BOUND_HERE",
                            $"The sealed secrets of target '{target}' do not open with the task key of request {requestId} on this M-HSM ({module.Identity.MHsmUuid}): " +
                            "they were sealed for another M-HSM, another target or other tickets, or were altered.");
        try
        {
            return NamedEntries.Read<TaskSecrets>(plaintext, $"The sealed secrets of target '{target}' of request {requestId}");
        }
        catch (ProductionFormatException error)
        {
            throw new HsmException("BAD_CONTAINER", $"{error.Message.TrimEnd('.')} (they are not task secrets).");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
