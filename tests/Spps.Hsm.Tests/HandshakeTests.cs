using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Spps.Formats.Production;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>The request/reply handshake between an OEM's U-HSM and a CM's M-HSM, embedded: what each side produces and keeps.</summary>
public sealed class HandshakeTests : HandshakeModules
{
    [Fact]
    public void A_request_processed_by_the_m_hsm_binds_its_task_to_that_module()
    {
        var content = Content();
        var request = Oem.UserRole("oem").SignJobRequest(content);
        var processed = Cm.ManufacturerRole("cm").ProcessJobRequest(request.Container);
        var bound = Oem.UserRole("oem").VerifyJobReply(request.Container, processed.ReplyContainer);

        Assert.Matches("^[0-9a-f]{32}$", request.RequestId);
        Assert.Equal((request.RequestId, request.RequestId), (processed.RequestId, bound.RequestId));
        Assert.Equal(Cm.Identity.MHsmUuid, bound.MHsmUuid);
        using var identity = Cm.IdentityKey("manufacturer");
        Assert.Equal(identity.ExportSubjectPublicKeyInfo(), bound.IdentityPublicKey);
        using var taskKey = ECDiffieHellman.Create();
        taskKey.ImportSubjectPublicKeyInfo(bound.TaskPublicKey, out _);
        Assert.Equal(384, taskKey.KeySize);
        Assert.Equal(content.Tickets.Select(ticket => (ticket.TicketId, ticket.Name, ticket.MaxDevices, 0L)),
            Cm.ManufacturerRole().ListTickets().Select(ticket => (ticket.TicketId, ticket.TicketName, ticket.MaxDevices, ticket.Used)));
        Assert.All(processed.Tickets, ticket => Assert.Equal((request.RequestId, Oem.Identity.UHsmUuid, "board_job", "cm_task"), (ticket.RequestId, ticket.UHsmUuid, ticket.JobName, ticket.TaskName)));
    }

    [Fact]
    public void The_request_and_reply_containers_hold_the_documented_parts_and_fields()
    {
        var request = Oem.UserRole("oem").SignJobRequest(Content());
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        Assert.Equal(["manifest.json", "manifest.sig", "request.json", "u-hsm.cert"], Entries(request.Container));
        Assert.Equal(["manifest.json", "manifest.sig", "m-hsm.cert", "reply.json"], Entries(reply));

        var asked = Json(request.Container, "request.json");
        Assert.Equal(["requestId", "world", "uHsmUuid", "job", "task", "tickets"], asked.EnumerateObject().Select(member => member.Name));
        Assert.Equal(["ticketId", "name", "device", "die", "action", "maxDevices", "protocol"], asked.GetProperty("tickets")[0].EnumerateObject().Select(member => member.Name));
        Assert.Equal(Oem.World.Id, asked.GetProperty("world").GetString());
        var answer = Json(reply, "reply.json");
        Assert.Equal(["requestId", "requestDigest", "mHsmUuid", "world", "taskPublicKey", "ticketIds"], answer.EnumerateObject().Select(member => member.Name));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(request.Container)), answer.GetProperty("requestDigest").GetString());
        var certificate = Json(reply, "m-hsm.cert");
        Assert.Equal(["format", "world", "role", "uuid", "publicKey", "signature"], certificate.EnumerateObject().Select(member => member.Name));
        Assert.Equal(("manufacturer", Cm.Identity.MHsmUuid), (certificate.GetProperty("role").GetString(), certificate.GetProperty("uuid").GetString()));
    }

    [Fact]
    public void The_task_key_is_kept_wrapped_under_the_master_key_bound_to_the_module_and_the_request()
    {
        var request = Oem.UserRole("oem").SignJobRequest(Content());
        var bound = Oem.UserRole("oem").VerifyJobReply(request.Container, Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer);
        var wrapped = Rows<byte[]>(Cm, "SELECT private_key_wrapped FROM task_keys;").Single();
        var master = Cm.Store.ReadSecret(HsmModule.MasterKey);
        var privateKey = AeadWrap.TryUnwrap(master, wrapped, Handshake.ManufacturerHandshake.TaskKeyPurpose(Cm.Identity.MHsmUuid, request.RequestId));
        Assert.NotNull(privateKey);
        Assert.Null(AeadWrap.TryUnwrap(master, wrapped, Handshake.ManufacturerHandshake.TaskKeyPurpose(Cm.Identity.MHsmUuid, new string('0', 32))));
        using var key = ECDiffieHellman.Create();
        key.ImportPkcs8PrivateKey(privateKey, out _);
        Assert.Equal(bound.TaskPublicKey, key.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void Removing_tickets_removes_the_named_ones_or_all_and_the_task_keys_left_without_tickets()
    {
        var manufacturer = Cm.ManufacturerRole();
        var first = Content();
        var second = Content(Ticket("a"), Ticket("b"), Ticket("c"));
        manufacturer.ProcessJobRequest(Oem.UserRole("oem").SignJobRequest(first).Container);
        manufacturer.ProcessJobRequest(Oem.UserRole("oem").SignJobRequest(second).Container);

        Assert.Equal([second.Tickets[1].TicketId], manufacturer.RemoveTickets([second.Tickets[1].TicketId]));
        Assert.Equal(4, manufacturer.ListTickets().Count);
        Assert.Equal(2, Rows<string>(Cm, "SELECT request_id FROM task_keys;").Count);

        Assert.Equal([.. first.Tickets.Select(ticket => ticket.TicketId)], manufacturer.RemoveTickets([.. first.Tickets.Select(ticket => ticket.TicketId)]));
        Assert.Single(Rows<string>(Cm, "SELECT request_id FROM task_keys;"));

        Assert.Equal(2, manufacturer.RemoveTickets(null).Count);
        Assert.Empty(manufacturer.ListTickets());
        Assert.Empty(Rows<string>(Cm, "SELECT request_id FROM task_keys;"));
        Assert.Equal(2, Rows<string>(Cm, "SELECT request_id FROM job_requests;").Count); // still processed: never again
    }

    [Fact]
    public void Every_handshake_operation_is_audited_with_no_client_value()
    {
        var request = Oem.UserRole("oem").SignJobRequest(Content());
        var reply = Cm.ManufacturerRole("cm station").ProcessJobRequest(request.Container).ReplyContainer;
        Oem.UserRole("oem").VerifyJobReply(request.Container, reply);
        Cm.ManufacturerRole("cm station").ListTickets();
        Assert.Throws<HsmException>(() => Cm.ManufacturerRole("cm station").ProcessJobRequest(request.Container));

        Assert.Equal([("oem", "sign_job_request", $"ok: request {request.RequestId}, 2 ticket(s)"), ("oem", "verify_job_reply", $"ok: request {request.RequestId} bound to M-HSM {Cm.Identity.MHsmUuid}")],
            Oem.Store.ReadAudit().Where(entry => entry.Operation.Contains("job", StringComparison.Ordinal)).Select(entry => (entry.Client, entry.Operation, entry.Result)));
        Assert.Equal([("process_job_request", $"ok: request {request.RequestId}, 2 ticket(s)"), ("list_tickets", "ok: 2 ticket(s)"), ("process_job_request", "refused: REQUEST_PROCESSED")],
            Cm.Store.ReadAudit().Where(entry => entry.Client == "cm station").Select(entry => (entry.Operation, entry.Result)));
    }

    private static List<string> Entries(byte[] container)
    {
        using var zip = new ZipArchive(new MemoryStream(container));
        return [.. zip.Entries.Select(entry => entry.FullName)];
    }

    private static JsonElement Json(byte[] container, string part)
    {
        using var zip = new ZipArchive(new MemoryStream(container));
        using var stream = zip.GetEntry(part)!.Open();
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    private static List<T> Rows<T>(HsmModule module, string sql) => StoreRows.Query<T>(module.Folder, sql);
}
