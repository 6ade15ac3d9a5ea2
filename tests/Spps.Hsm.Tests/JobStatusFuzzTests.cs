using Spps.Testing;
using System.Security.Cryptography;
using Spps.Formats.Production;
using Spps.Hsm.Production;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// Thousands of seeded mutations of job statuses given to the U-HSM's verification: byte-level ones, and mutations of
/// the status document re-signed with the bound M-HSM's own key, so the checks beyond the signature (task, counts, end
/// certifier, CoCs) are reached too. Each must give the HSM's clear refusal naming the job status, never another
/// exception or a hang.
/// </summary>
public sealed class JobStatusFuzzTests : HandshakeModules
{
    [Fact]
    public void Mutated_statuses_give_only_the_u_hsm_s_refusal()
    {
        var kip = RandomNumberGenerator.GetBytes(32);
        var user = Oem.UserRole("fuzzer");
        var program = Ticket("program_t", maxDevices: 5);
        var request = user.SignJobRequest(Content(program, Ticket("verify_t", "VERIFY", null, "NONE")));
        var manufacturer = Cm.ManufacturerRole("station");
        var reply = manufacturer.ProcessJobRequest(request.Container).ReplyContainer;
        var dsn = Spps.Devices.Dsn.FromBytes(RandomNumberGenerator.GetBytes(16));
        Cm.Store.SpendTicket(program.TicketId, dsn.ToString(), Challenges.NewNonce(), DateTimeOffset.UtcNow);
        byte[][] digests = [SHA256.HashData("fabric"u8)];
        var coc = CertificateOfConformance.Compute(RandomNumberGenerator.GetBytes(32), dsn, 1, digests).ToBytes();
        var interim = manufacturer.MakeJobStatus(request.RequestId, [coc]).Container;
        var end = manufacturer.EndTask(request.RequestId, terminate: true, [coc]).Container;
        var check = new JobStatusCheck
        {
            Request = request.Container, Reply = reply, MHsmUuid = Cm.Identity.MHsmUuid, Status = interim,
            Targets = [new CocTarget("dev1", user.CreateKeyset(new(new Dictionary<string, byte[]> { ["KIP"] = kip }, null)), digests)],
        };

        // The verification itself, without the audit row each call of the role writes durably: thousands of them would only time the disk.
        using var signer = Cm.IdentityKey("manufacturer");
        var master = Oem.Store.ReadSecret(HsmModule.MasterKey);
        var verifier = new JobStatusVerifier(Oem);
        var target = new FuzzTarget("job status", [interim, end], (bytes, _) => verifier.Verify(check with { Status = bytes }, master), error => error is HsmException)
        {
            Source = "job status",
            StructuredMutations =
            [
                new("status.json value, re-signed", (random, input, _) =>
                    HandshakeForgery.ChangeParts(input, parts => parts["status.json"] = JsonMutations.Mutate(random, parts["status.json"]), signer)),
            ],
        };
        Fuzzer.Run(target, seed: 1501, count: 1500);
    }
}
