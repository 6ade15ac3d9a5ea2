using System.Security.Cryptography;

namespace Spps.Hsm.Tests;

/// <summary>
/// Thousands of seeded mutations of job requests and replies: byte-level ones, and mutations of the JSON document
/// re-signed with the genuine signer's key, so the checks beyond the signature are reached too. Each must give the
/// HSM's clear refusal, never another exception or a hang.
/// </summary>
public sealed class HandshakeFuzzTests : HandshakeModules
{
    // Structured mutations are applied to a seed first, so the input always reads.
    private static Mutation ResignedJson(string part, ECDsa signer) => new($"{part} value, re-signed", (random, input, _) =>
        HandshakeForgery.ChangeParts(input, parts => parts[part] = JsonMutations.Mutate(random, parts[part]), signer));

    [Fact]
    public void Mutated_requests_give_only_the_m_hsm_s_refusal()
    {
        using var signer = Oem.IdentityKey("user");
        var seeds = new[] { Oem.UserRole("oem").SignJobRequest(Content()).Container, Oem.UserRole("oem").SignJobRequest(Content(Ticket("a"), Ticket("b", "ERASE", 1, "UNIQUE_KEY"), Ticket("c"))).Container };
        var manufacturer = Cm.ManufacturerRole("fuzzer");
        var target = new FuzzTarget("job request", seeds, (bytes, _) => manufacturer.ProcessJobRequest(bytes), error => error is HsmException)
        {
            Source = "job request",
            StructuredMutations = [ResignedJson("request.json", signer)],
        };
        Fuzzer.Run(target, seed: 1301, count: 1500);
    }

    [Fact]
    public void Mutated_replies_give_only_the_u_hsm_s_refusal()
    {
        var request = Oem.UserRole("oem").SignJobRequest(Content()).Container;
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request).ReplyContainer;
        using var signer = Cm.IdentityKey("manufacturer");
        var user = Oem.UserRole("fuzzer");
        var target = new FuzzTarget("job reply", [reply], (bytes, _) => user.VerifyJobReply(request, bytes), error => error is HsmException)
        {
            Source = "job reply",
            StructuredMutations = [ResignedJson("reply.json", signer)],
        };
        Fuzzer.Run(target, seed: 1302, count: 1500);
    }
}
