using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Client;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

/// <summary>
/// The handshake served: the OEM's module and the CM's module each behind a server; a client is served the operations
/// of the role it was enrolled for and refused the other role's (audited, nothing changed).
/// </summary>
public sealed class ServedHandshakeTests : HandshakeModules, IAsyncLifetime
{
    private HsmServer _oemServer = null!;
    private HsmServer _cmServer = null!;

    public async Task InitializeAsync()
    {
        _oemServer = await HsmServer.StartAsync(Oem, "127.0.0.1:0");
        _cmServer = await HsmServer.StartAsync(Cm, "127.0.0.1:0");
    }

    public async Task DisposeAsync()
    {
        await _oemServer.DisposeAsync();
        await _cmServer.DisposeAsync();
    }

    [Fact]
    public void A_user_client_and_a_manufacturer_client_run_the_handshake_over_their_servers()
    {
        using var oem = new RemoteUserHsm(_oemServer.Address, Oem.Enroll("job manager"));
        using var cm = new RemoteManufacturerHsm(_cmServer.Address, Cm.Enroll("fpexpress", "manufacturer"));
        var content = Content();
        var request = oem.SignJobRequest(content);
        var processed = cm.ProcessJobRequest(request.Container);
        var bound = oem.VerifyJobReply(request.Container, processed.ReplyContainer);

        Assert.Equal((request.RequestId, Cm.Identity.MHsmUuid), (bound.RequestId, bound.MHsmUuid));
        Assert.Equal(content.Tickets.Select(ticket => ticket.TicketId), cm.ListTickets().Select(ticket => ticket.TicketId));
        Assert.Equal([content.Tickets[0].TicketId], cm.RemoveTickets([content.Tickets[0].TicketId]));
        Assert.Equal([content.Tickets[1].TicketId], cm.RemoveTickets(null));
        Assert.Equal((Cm.World.Id, false), (cm.GetInfo().WorldId, cm.GetInfo().DevelopmentWorld));
        Assert.Equal("REQUEST_PROCESSED", Assert.Throws<HsmException>(() => cm.ProcessJobRequest(request.Container)).Code);
    }

    [Fact]
    public void An_hsm_job_target_is_sealed_through_the_server_for_the_m_hsm_that_answered_and_a_manufacturer_client_is_refused()
    {
        using var oem = new RemoteUserHsm(_oemServer.Address, Oem.Enroll("job manager"));
        var content = Content(Ticket("update_t"));
        var request = oem.SignJobRequest(content);
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        var uek1 = RandomNumberGenerator.GetBytes(32);
        var die = DeviceCatalog.Dies.Single(candidate => candidate.Name == "MPF300");
        var target = new SealHsmJobTargetRequest
        {
            Request = request.Container,
            Reply = reply,
            MHsmUuid = Cm.Identity.MHsmUuid,
            Target = "dev1",
            TicketIds = [content.Tickets[0].TicketId],
            Header = new BitstreamHeader { FamilyCode = die.Family.DataFileCode(), TypeCode = (byte)BitstreamType.Uek1, IdCode = die.IdCode, Checksum = 1, DesignName = "top", DesignVersion = 1, BackLevel = 0 },
            Components = [new PlainComponent(ComponentType.Fabric, RandomNumberGenerator.GetBytes(1000))],
            Keyset = oem.CreateKeyset(new(new Dictionary<string, byte[]> { ["UEK1"] = uek1 }, null)),
        };

        var sealedTarget = oem.SealHsmJobTarget(target);
        using (var secrets = TaskSecretsOpener.Open(Cm, request.RequestId, "dev1", target.TicketIds, sealedTarget.SealedSecrets))
        {
            Assert.Equal(uek1, secrets.Value("UEK1"));
        }

        using var intruder = new RemoteUserHsm(_oemServer.Address, Oem.Enroll("a manufacturer client", "manufacturer"));
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.SealHsmJobTarget(target)).Code);
    }

    [Fact]
    public void A_job_status_is_verified_through_the_server_and_a_manufacturer_client_is_refused()
    {
        using var oem = new RemoteUserHsm(_oemServer.Address, Oem.Enroll("job manager"));
        var request = oem.SignJobRequest(Content());
        var reply = Cm.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        var check = new JobStatusCheck
        {
            Request = request.Container, Reply = reply, MHsmUuid = Cm.Identity.MHsmUuid, Status = Cm.ManufacturerRole().MakeJobStatus(request.RequestId, []).Container, Targets = [],
        };

        var verified = oem.VerifyJobStatus(check);
        Assert.Equal((request.RequestId, 1L, 2), (verified.RequestId, verified.Sequence, verified.Tickets.Count));
        Assert.Equal("BAD_CONTAINER", Assert.Throws<HsmException>(() => oem.VerifyJobStatus(check with { Status = [1, 2, 3] })).Code);
        using var intruder = new RemoteUserHsm(_oemServer.Address, Oem.Enroll("a station", "manufacturer"));
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.VerifyJobStatus(check)).Code);
    }

    [Fact]
    public void A_status_above_the_containers_general_16_mib_part_is_made_and_verified_through_the_servers()
    {
        using var oem = new RemoteUserHsm(_oemServer.Address, Oem.Enroll("job manager"));
        using var station = new RemoteManufacturerHsm(_cmServer.Address, Cm.Enroll("fpexpress", "manufacturer"));
        var request = oem.SignJobRequest(Content());
        var reply = station.ProcessJobRequest(request.Container).ReplyContainer;

        // 3,100 CoCs of 4,096 bytes (devices never programmed: only the sizes matter here): 17 MB of base64 to the
        // M-HSM, a status of 17 MB back, and in base64 to the U-HSM.
        var digests = Enumerable.Range(0, 126).Select(index => SHA256.HashData(BitConverter.GetBytes(index))).ToArray();
        var cocs = Enumerable.Range(0, 3_100)
            .Select(_ => Formats.Production.CertificateOfConformance.Compute(RandomNumberGenerator.GetBytes(32), Dsn.FromBytes(RandomNumberGenerator.GetBytes(16)), 1, digests).ToBytes())
            .ToArray();
        var status = station.EndTask(request.RequestId, terminate: true, cocs).Container;
        Assert.True(status.Length > Formats.Containers.ContainerFile.MaximumWholePartBytes + (16 << 10));

        var verified = oem.VerifyJobStatus(new JobStatusCheck { Request = request.Container, Reply = reply, MHsmUuid = Cm.Identity.MHsmUuid, Status = status, Targets = [] });
        Assert.Equal((1L, cocs.Length), (verified.Sequence, verified.Cocs.Count));
        Assert.NotNull(verified.End);
    }

    [Fact]
    public void The_routes_that_carry_a_status_take_the_largest_one_the_m_hsm_makes()
    {
        // A status request: every CoC the M-HSM takes, in base64 and quoted, with the request id and the JSON around them.
        Assert.True(HsmOperation.MakeJobStatus.MaximumBodyBytes >= Base64(Production.JobStatusMaker.MaximumCocBytesInAll) + (3L * Production.JobStatusMaker.MaximumCocs) + 1024);
        Assert.Equal(HsmOperation.MakeJobStatus.MaximumBodyBytes, HsmOperation.EndTask.MaximumBodyBytes);

        // Verifying it: the largest status file a reader takes, in base64, with the task's request and reply as signing and checking take them.
        Assert.True(HsmOperation.VerifyJobStatus.MaximumBodyBytes >= Base64(Production.JobStatusFile.MaximumFileBytes) + (2 * HsmOperation.SignJobRequest.MaximumBodyBytes));
        Assert.Equal(HsmOperation.VerifyJobStatus.MaximumBodyBytes, HsmOperation.LargestBody);

        static long Base64(long bytes) => 4 * ((bytes + 2) / 3);
    }

    [Fact]
    public void A_user_role_client_cannot_process_requests_list_or_remove_tickets()
    {
        Cm.ManufacturerRole().ProcessJobRequest(Oem.UserRole("oem").SignJobRequest(Content()).Container);
        var request = Oem.UserRole("oem").SignJobRequest(Content());
        using var intruder = new RemoteManufacturerHsm(_cmServer.Address, Cm.Enroll("a user client"));
        var before = StoreRows.Of(Cm);
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.ProcessJobRequest(request.Container)).Code);
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(intruder.ListTickets).Code);
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.RemoveTickets(null)).Code);
        Assert.Equal(before, StoreRows.Of(Cm));
        Assert.Equal(["process_job_request refused: FORBIDDEN", "list_tickets refused: FORBIDDEN", "remove_tickets refused: FORBIDDEN"],
            Cm.Store.ReadAudit().Where(entry => entry.Client.StartsWith("a user client", StringComparison.Ordinal)).Select(entry => $"{entry.Operation} {entry.Result}"));
    }

    [Fact]
    public void A_manufacturer_role_client_cannot_use_the_user_role()
    {
        using var intruder = new RemoteUserHsm(_oemServer.Address, Oem.Enroll("a station", "manufacturer"));
        var before = StoreRows.Of(Oem);
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.SignJobRequest(Content())).Code);
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.CreateKeyset(new(new Dictionary<string, byte[]>(), null))).Code);
        Assert.Equal(before, StoreRows.Of(Oem));
        Assert.Equal(Oem.Identity.UHsmUuid, intruder.GetInfo().UHsmUuid); // the module's identity is every client's
    }

    [Fact]
    public void A_client_cannot_be_enrolled_for_a_role_the_module_does_not_have()
    {
        var error = Assert.Throws<HsmException>(() => Cm.Enroll("x", "admin"));
        Assert.Equal("--role: 'admin' is not a role of the module (expecting user or manufacturer).", error.Message);
    }
}
