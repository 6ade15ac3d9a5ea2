using System.Security.Cryptography;
using Spps.Hsm.Handshake;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Tests;

/// <summary>
/// An adversarial review of the handshake (docs/security.md, "Tasks and the handshake"): what a CM, anyone holding a
/// request or reply file, or a module of another world can make either side accept. Every refusal has its own code
/// and changes nothing in either store.
/// </summary>
public sealed class HandshakeAttackTests : HandshakeModules
{
    private HsmException Refused(HsmModule module, Action attempt)
    {
        var before = StoreRows.Of(module);
        var error = Assert.Throws<HsmException>(attempt);
        Assert.Equal(before, StoreRows.Of(module));
        return error;
    }

    private HsmException ProcessRefused(byte[] request) => Refused(Cm, () => Cm.ManufacturerRole("attacker").ProcessJobRequest(request));

    private HsmException VerifyRefused(byte[] request, byte[] reply) => Refused(Oem, () => Oem.UserRole("oem").VerifyJobReply(request, reply));

    private SignedJobRequest Request(JobRequestContent? content = null) => Oem.UserRole("oem").SignJobRequest(content ?? Content());

    [Fact]
    public void A_request_is_processed_once_even_after_its_tickets_are_removed()
    {
        var request = Request();
        Cm.ManufacturerRole().ProcessJobRequest(request.Container);
        Assert.Equal("REQUEST_PROCESSED", ProcessRefused(request.Container).Code);
        Cm.ManufacturerRole().RemoveTickets(null);
        Assert.Equal("REQUEST_PROCESSED", ProcessRefused(request.Container).Code);
    }

    [Fact]
    public void Two_processes_racing_with_one_request_record_it_once()
    {
        var request = Request();
        var outcomes = new string[8];
        Parallel.For(0, outcomes.Length, index =>
        {
            try
            {
                HsmModule.Open(Cm.Folder).ManufacturerRole().ProcessJobRequest(request.Container);
                outcomes[index] = "ok";
            }
            catch (HsmException error)
            {
                outcomes[index] = error.Code;
            }
        });
        Assert.Equal(["REQUEST_PROCESSED", "ok"], outcomes.Distinct().Order());
        Assert.Single(outcomes, outcome => outcome == "ok");
        Assert.Equal(2, Cm.ManufacturerRole().ListTickets().Count);
    }

    [Fact]
    public void A_new_request_naming_a_ticket_the_m_hsm_holds_is_refused_whole()
    {
        var first = Content();
        Cm.ManufacturerRole().ProcessJobRequest(Request(first).Container);
        var again = Request(Content(Ticket("fresh"), first.Tickets[0] with { Name = "copy", MaxDevices = 1_000_000 }));
        var error = ProcessRefused(again.Container);
        Assert.Equal("TICKET_HELD", error.Code);
        Assert.Contains(first.Tickets[0].TicketId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raising_a_ticket_s_device_limit_in_the_request_is_refused_however_it_is_signed()
    {
        var request = Request().Container;
        void Raise(System.Text.Json.Nodes.JsonObject json) => json["tickets"]![0]!["maxDevices"] = 1_000_000;

        Assert.Equal("BAD_SIGNATURE", ProcessRefused(HandshakeForgery.ChangeJson(request, "request.json", Raise)).Code);
        using var ownKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal("BAD_SIGNATURE", ProcessRefused(HandshakeForgery.ChangeJson(request, "request.json", Raise, ownKey)).Code);
        using var strangerKey = Stranger.IdentityKey("user");
        var restamped = HandshakeForgery.ChangeParts(HandshakeForgery.ChangeJson(request, "request.json", Raise),
            parts => parts["u-hsm.cert"] = Stranger.Certificate("user").ToBytes(), strangerKey);
        Assert.Equal("FOREIGN_WORLD", ProcessRefused(restamped).Code);
    }

    [Fact]
    public void Any_altered_or_truncated_byte_of_a_request_is_refused()
    {
        var request = Request().Container;
        for (var position = 0; position < request.Length; position += Math.Max(1, request.Length / 150))
        {
            var altered = request.ToArray();
            altered[position] ^= 0x20;
            Assert.Contains(ProcessRefused(altered).Code, (string[])["BAD_CONTAINER", "BAD_SIGNATURE", "BAD_CERTIFICATE"]);
        }

        foreach (var length in new[] { 0, 1, 22, request.Length / 2, request.Length - 1 })
        {
            Assert.Equal("BAD_CONTAINER", ProcessRefused(request[..length]).Code);
        }
    }

    [Fact]
    public void A_request_from_a_u_hsm_of_another_world_is_refused()
    {
        var foreign = Stranger.UserRole("stranger").SignJobRequest(Content());
        var error = ProcessRefused(foreign.Container);
        Assert.Equal("FOREIGN_WORLD", error.Code);
        Assert.Contains(Cm.World.Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_the_attacker_made_with_its_own_root_naming_this_world_is_refused()
    {
        using var fakeRoot = WorldRoot.Create();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var forged = fakeRoot.Certify("user", Oem.Identity.UHsmUuid, attacker.ExportSubjectPublicKeyInfo()) is var certificate
            ? certificate with { Subject = certificate.Subject with { World = Cm.World.Id } }
            : null!;
        var request = HandshakeForgery.ChangeParts(Request().Container, parts => parts["u-hsm.cert"] = forged.ToBytes(), attacker);
        Assert.Equal("FOREIGN_WORLD", ProcessRefused(request).Code);
    }

    [Fact]
    public void A_request_signed_by_a_manufacturer_identity_of_the_world_is_refused()
    {
        using var key = Cm.IdentityKey("manufacturer");
        var request = HandshakeForgery.ChangeParts(Request().Container, parts => parts["u-hsm.cert"] = Cm.Certificate("manufacturer").ToBytes(), key);
        Assert.Equal("WRONG_ROLE", ProcessRefused(request).Code);
    }

    [Fact]
    public void A_request_naming_another_u_hsm_than_its_signer_is_refused()
    {
        using var otherUser = Cm.IdentityKey("user");
        var request = HandshakeForgery.ChangeParts(Request().Container, parts => parts["u-hsm.cert"] = Cm.Certificate("user").ToBytes(), otherUser);
        Assert.Equal("CERTIFICATE_MISMATCH", ProcessRefused(request).Code);
    }

    [Fact]
    public void A_request_of_a_bad_shape_is_refused_even_when_genuinely_signed()
    {
        using var key = Oem.IdentityKey("user");
        var request = Request().Container;
        Assert.Equal("BADVALUE", ProcessRefused(HandshakeForgery.ChangeJson(request, "request.json", json => json["tickets"]![0]!["action"] = "FORMAT", key)).Code);
        Assert.Equal("POLICY", ProcessRefused(HandshakeForgery.ChangeJson(request, "request.json", json => json["tickets"]![1]!["maxDevices"] = 5, key)).Code);
        Assert.Equal("BADVALUE", ProcessRefused(HandshakeForgery.ChangeJson(request, "request.json", json => json["requestId"] = "../x", key)).Code);
        Assert.Equal("BAD_CONTAINER", ProcessRefused(HandshakeForgery.ChangeJson(request, "request.json", json => json["extra"] = 1, key)).Code);
        Assert.Equal("BAD_CONTAINER", ProcessRefused(HandshakeForgery.ChangeParts(request, parts => parts["more.bin"] = [1], key)).Code);
    }

    [Fact]
    public void A_reply_to_another_task_s_request_is_refused()
    {
        var mine = Request();
        var other = Request();
        Cm.ManufacturerRole().ProcessJobRequest(mine.Container);
        var otherReply = Cm.ManufacturerRole().ProcessJobRequest(other.Container).ReplyContainer;
        Assert.Equal("NOT_THIS_REQUEST", VerifyRefused(mine.Container, otherReply).Code);
    }

    [Fact]
    public void A_reply_signed_by_another_module_than_the_one_it_names_is_refused()
    {
        var request = Request();
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        var other = HsmModule.Create(Folder.Combine("other cm"), world: World);

        // The other M-HSM's certificate in place of the named one's, the signature kept: not by that key.
        Assert.Equal("BAD_SIGNATURE", VerifyRefused(request.Container, HandshakeForgery.ChangeParts(reply, parts => parts["m-hsm.cert"] = other.Certificate("manufacturer").ToBytes())).Code);

        // Re-signed by the other M-HSM with its own certificate, still naming the first: whose reply is it?
        using var otherKey = other.IdentityKey("manufacturer");
        Assert.Equal("CERTIFICATE_MISMATCH", VerifyRefused(request.Container,
            HandshakeForgery.ChangeParts(reply, parts => parts["m-hsm.cert"] = other.Certificate("manufacturer").ToBytes(), otherKey)).Code);

        // Re-signed by a key of no module.
        using var stray = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal("BAD_SIGNATURE", VerifyRefused(request.Container, HandshakeForgery.ChangeJson(reply, "reply.json", _ => { }, stray)).Code);
    }

    [Fact]
    public void A_reply_from_an_m_hsm_of_another_world_or_from_a_user_identity_is_refused()
    {
        var request = Request();
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        using var strangerKey = Stranger.IdentityKey("manufacturer");
        Assert.Equal("FOREIGN_WORLD", VerifyRefused(request.Container, HandshakeForgery.ChangeParts(HandshakeForgery.ChangeJson(reply, "reply.json", json => json["mHsmUuid"] = Stranger.Identity.MHsmUuid),
            parts => parts["m-hsm.cert"] = Stranger.Certificate("manufacturer").ToBytes(), strangerKey)).Code);
        using var userKey = Cm.IdentityKey("user");
        Assert.Equal("WRONG_ROLE", VerifyRefused(request.Container, HandshakeForgery.ChangeParts(reply, parts => parts["m-hsm.cert"] = Cm.Certificate("user").ToBytes(), userKey)).Code);
    }

    [Fact]
    public void A_reply_whose_tickets_or_digest_differ_from_the_request_is_refused_even_when_signed_by_the_m_hsm()
    {
        var request = Request();
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        using var key = Cm.IdentityKey("manufacturer");
        Assert.Equal("NOT_THIS_REQUEST", VerifyRefused(request.Container, HandshakeForgery.ChangeJson(reply, "reply.json", json => json["ticketIds"]!.AsArray().RemoveAt(0), key)).Code);
        Assert.Equal("NOT_THIS_REQUEST", VerifyRefused(request.Container, HandshakeForgery.ChangeJson(reply, "reply.json", json => json["requestDigest"] = new string('0', 64), key)).Code);
        Assert.Equal("BAD_CONTAINER", VerifyRefused(request.Container, HandshakeForgery.ChangeJson(reply, "reply.json", json => json["taskPublicKey"] = "AAAA", key)).Code);
    }

    [Fact]
    public void Any_altered_or_truncated_byte_of_a_reply_is_refused()
    {
        var request = Request();
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        for (var position = 0; position < reply.Length; position += Math.Max(1, reply.Length / 150))
        {
            var altered = reply.ToArray();
            altered[position] ^= 0x01;
            Assert.Contains(VerifyRefused(request.Container, altered).Code, (string[])["BAD_CONTAINER", "BAD_SIGNATURE", "BAD_CERTIFICATE"]);
        }

        Assert.Equal("BAD_CONTAINER", VerifyRefused(request.Container, reply[..(reply.Length - 10)]).Code);
    }

    [Fact]
    public void Only_a_request_this_u_hsm_signed_can_be_bound()
    {
        var otherOem = HsmModule.Create(Folder.Combine("other oem"), world: World);
        var request = otherOem.UserRole("other").SignJobRequest(Content());
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        Assert.Equal("NOT_OUR_REQUEST", VerifyRefused(request.Container, reply).Code);
        var altered = request.Container.ToArray();
        altered[^30] ^= 1;
        Assert.Contains(VerifyRefused(altered, reply).Code, (string[])["BAD_CONTAINER", "NOT_OUR_REQUEST"]);
    }

    [Theory]
    [InlineData("ticket id", "BADVALUE")]
    [InlineData("duplicate id", "BADVALUE")]
    [InlineData("action", "BADVALUE")]
    [InlineData("limit zero", "BADVALUE")]
    [InlineData("limit too large", "BADVALUE")]
    [InlineData("limit with NONE", "POLICY")]
    [InlineData("protocol", "BADVALUE")]
    [InlineData("die", "BADVALUE")]
    [InlineData("name", "BADVALUE")]
    [InlineData("no tickets", "BADVALUE")]
    public void The_u_hsm_signs_only_a_request_of_the_documented_shape(string defect, string code)
    {
        var good = Ticket("t1");
        var content = defect switch
        {
            "ticket id" => Content(good with { TicketId = "12345" }),
            "duplicate id" => Content(good, good with { Name = "t2" }),
            "action" => Content(good with { Action = "VERIFY_DIGEST" }),
            "limit zero" => Content(good with { MaxDevices = 0 }),
            "limit too large" => Content(good with { MaxDevices = 1L << 31 }),
            "limit with NONE" => Content(good with { Protocol = "NONE" }),
            "protocol" => Content(good with { Protocol = "auth_code" }),
            "die" => Content(good with { Die = "MPF999" }),
            "name" => Content(good with { Name = "bad name" }),
            _ => new JobRequestContent("job", "task", []),
        };
        Assert.Equal(code, Refused(Oem, () => Oem.UserRole("oem").SignJobRequest(content)).Code);
        Assert.Equal("refused: " + code, Oem.Store.ReadAudit()[^1].Result);
    }

    [Fact]
    public void Removing_a_ticket_the_module_does_not_hold_removes_nothing()
    {
        var content = Content();
        Cm.ManufacturerRole().ProcessJobRequest(Request(content).Container);
        Assert.Equal("UNKNOWN_TICKET", Refused(Cm, () => Cm.ManufacturerRole().RemoveTickets([content.Tickets[0].TicketId, NewTicketId()])).Code);
        Assert.Equal("BADVALUE", Refused(Cm, () => Cm.ManufacturerRole().RemoveTickets([content.Tickets[0].TicketId, "' OR 1=1 --"])).Code);
        Assert.Equal(2, Cm.ManufacturerRole().ListTickets().Count);
    }

    [Fact]
    public void The_request_s_ticket_ids_are_signed_in_lower_case_whatever_case_the_caller_gave()
    {
        var ticket = Ticket("t1");
        var request = Request(Content(ticket with { TicketId = ticket.TicketId.ToUpperInvariant() }));
        Assert.Equal(ticket.TicketId, Cm.ManufacturerRole().ProcessJobRequest(request.Container).Tickets.Single().TicketId);
    }

    [Fact]
    public void A_module_certificate_verifies_only_in_its_own_world()
    {
        Assert.True(Cm.World.Certifies(Oem.Certificate("user")));
        Assert.False(Stranger.World.Certifies(Oem.Certificate("user")));
        var moved = Oem.Certificate("user") with { Subject = Oem.Certificate("user").Subject with { Uuid = Cm.Identity.UHsmUuid } };
        Assert.False(Cm.World.Certifies(moved));
    }
}
