using Spps.Testing;
using System.Security.Cryptography;
using System.Text.Json;
using Spps.Hsm.Handshake;
using Spps.Hsm.Production;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Tests;

/// <summary>
/// The M-HSM's job status and the end of a task (docs/production.md, docs/formats/job-status.md): attacks first — an
/// unknown task, a task whose tickets were removed, an end while devices are left, a second end, values that are
/// no request id or no CoC — each refused, audited and changing nothing; then what a status states and who signed it,
/// and the end certifier.
/// </summary>
public sealed class JobStatusTests : HandshakeModules
{
    private static readonly byte[] _coc = [.. "SPPSCOC1"u8, .. RandomNumberGenerator.GetBytes(60)];

    private IManufacturerHsm Manufacturer => Cm.ManufacturerRole("station");

    // A task with a limited PROGRAM ticket and an unlimited VERIFY ticket; returns the request id and the tickets.
    private (string RequestId, RequestedTicket Program, RequestedTicket Verify) Task(long max = 2)
    {
        var program = Ticket("program_t", maxDevices: max);
        var verify = Ticket("verify_t", "VERIFY", null, "NONE");
        var processed = Manufacturer.ProcessJobRequest(Oem.UserRole("oem").SignJobRequest(Content(program, verify)).Container);
        return (processed.RequestId, program, verify);
    }

    private static string Dsn() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private string Refused(string code, Action call)
    {
        var before = StoreRows.Of(Cm);
        var error = Assert.Throws<HsmException>(call);
        Assert.Equal(code, error.Code);
        Assert.Equal(before, StoreRows.Of(Cm));
        Assert.Equal("refused: " + code, Cm.Store.ReadAudit()[^1].Result);
        return error.Message;
    }

    private SignedDocument<JobStatusDocument> Read(JobStatusReport report)
    {
        var signed = JobStatusFile.Read(report.Container, "job status");
        HandshakeContainer.CheckSigner(signed, Cm.World, CertifiedKey.ManufacturerRole, "job status");
        Assert.Equal(Cm.Identity.MHsmUuid, signed.Certificate.Subject.Uuid);
        return signed;
    }

    [Fact]
    public void The_status_of_a_task_this_module_does_not_hold_is_refused()
    {
        Task();
        Refused("UNKNOWN_TASK", () => Manufacturer.MakeJobStatus(NewTicketId(), []));
        Refused("UNKNOWN_TASK", () => Manufacturer.EndTask(NewTicketId(), terminate: true, []));

        // The request was processed here, but its tickets were removed: nothing to state.
        var (removed, _, _) = Task();
        Manufacturer.RemoveTickets([.. Manufacturer.ListTickets().Where(ticket => ticket.RequestId == removed).Select(ticket => ticket.TicketId)]);
        Refused("UNKNOWN_TASK", () => Manufacturer.MakeJobStatus(removed, []));

        // Another module processed the same request: it holds its own task, not this one.
        var request = Oem.UserRole("oem").SignJobRequest(Content());
        HsmModule.Create(Folder.Combine("other cm"), world: World).ManufacturerRole().ProcessJobRequest(request.Container);
        Refused("UNKNOWN_TASK", () => Manufacturer.MakeJobStatus(request.RequestId, []));
    }

    [Theory]
    [InlineData("not an id")]
    [InlineData("1730CD75EA12772FCE5B2FE84B3A8F94")]
    [InlineData("' OR 1=1 --")]
    public void A_value_that_is_no_request_id_is_refused_naming_it(string requestId)
    {
        Task();
        var before = StoreRows.Of(Cm);
        var error = Assert.Throws<HsmException>(() => Manufacturer.MakeJobStatus(requestId, []));
        Assert.Equal("BADVALUE", error.Code);
        Assert.Contains($"'{requestId}' is not a task's request id (32 lower-case hex digits)", error.Message, StringComparison.Ordinal);
        Assert.Equal("BADVALUE", Assert.Throws<HsmException>(() => Manufacturer.EndTask(requestId, true, [])).Code);
        Assert.Equal(before, StoreRows.Of(Cm));
    }

    [Fact]
    public void Cocs_that_are_empty_or_too_large_are_refused_and_count_no_status()
    {
        var (id, _, _) = Task();
        Refused("BADVALUE", () => Manufacturer.MakeJobStatus(id, [[]]));
        Refused("BADVALUE", () => Manufacturer.MakeJobStatus(id, [new byte[JobStatusMaker.CocBytes + 1]]));

        // Each of the largest size, but more in all than the status's readers take whole (docs/formats/job-status.md, "Size").
        var tooMany = Enumerable.Repeat(new byte[JobStatusMaker.CocBytes], (JobStatusMaker.MaximumCocBytesInAll / JobStatusMaker.CocBytes) + 1).ToArray();
        var error = Refused("BADVALUE", () => Manufacturer.EndTask(id, terminate: true, tooMany));
        Assert.Contains($"at most {JobStatusMaker.MaximumCocBytesInAll} bytes in all, so that its readers can take it whole; 6145 of 25169920 bytes were given", error, StringComparison.Ordinal);
        Assert.Equal(1, Manufacturer.MakeJobStatus(id, [_coc]).Sequence);
    }

    [Fact]
    public void A_status_states_each_ticket_the_uses_and_the_cocs_as_given_signed_by_this_m_hsm_with_a_growing_sequence()
    {
        var (id, program, verify) = Task(max: 3);
        var dsn = Dsn();
        Cm.Store.SpendTicket(program.TicketId, dsn, Challenges.NewNonce(), DateTimeOffset.UtcNow);
        Cm.Store.SpendTicket(verify.TicketId, dsn, Challenges.NewNonce(), DateTimeOffset.UtcNow);
        Cm.Store.SpendTicket(verify.TicketId, Dsn(), Challenges.NewNonce(), DateTimeOffset.UtcNow);

        var first = Manufacturer.MakeJobStatus(id, [_coc]);
        var document = Read(first).Document;
        Assert.Equal((id, "board_job", "cm_task", Oem.Identity.UHsmUuid, Cm.Identity.MHsmUuid, Cm.World.Id, 1L),
            (document.RequestId, document.Job, document.Task, document.UHsmUuid, document.MHsmUuid, document.World, document.Sequence));
        Assert.Equal([new TicketStatus(program.TicketId, "program_t", "PROGRAM", "dev1", "MPF300", 3, 1, 2), new TicketStatus(verify.TicketId, "verify_t", "VERIFY", "dev1", "MPF300", null, 2, null)],
            document.Tickets);
        Assert.Equal([(program.TicketId, dsn, "PROGRAM"), (verify.TicketId, dsn, "VERIFY")], document.Uses.Take(2).Select(use => (use.TicketId, use.Dsn, use.Action)));
        Assert.Equal(3, document.Uses.Count);
        Assert.Equal(_coc, Assert.Single(document.Cocs));
        Assert.Null(document.EndCertifier);
        Assert.False(first.Ended);
        Assert.Equal([1L, 2L], first.Tickets.Select(ticket => ticket.Used));

        Assert.Equal([2L, 3L], [Manufacturer.MakeJobStatus(id, []).Sequence, Manufacturer.MakeJobStatus(id, []).Sequence]);
        Assert.Equal($"ok: task {id}, status 3, 2 ticket(s), 3 use(s)", Cm.Store.ReadAudit()[^1].Result);
    }

    [Fact]
    public void A_status_altered_or_re_signed_by_another_module_does_not_pass_for_this_m_hsm()
    {
        var (id, _, _) = Task();
        var container = Manufacturer.MakeJobStatus(id, [_coc]).Container;
        var altered = container.ToArray();
        altered[altered.Length / 2] ^= 1;
        Assert.Equal("BAD_CONTAINER", Assert.Throws<HsmException>(() => Read(new JobStatusReport(id, 1, false, [], altered))).Code);
    }

    [Fact]
    public void A_task_with_devices_left_is_not_ended_unless_terminated()
    {
        var (id, program, _) = Task(max: 2);
        Cm.Store.SpendTicket(program.TicketId, Dsn(), Challenges.NewNonce(), DateTimeOffset.UtcNow);
        var before = StoreRows.Of(Cm);
        var error = Assert.Throws<HsmException>(() => Manufacturer.EndTask(id, terminate: false, []));
        Assert.Equal("DEVICES_LEFT", error.Code);
        Assert.Contains($"The ticket {program.TicketId} ('program_t') of task {id} has 1 of its 2 device(s) left", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, StoreRows.Of(Cm));
        Assert.Equal("refused: DEVICES_LEFT", Cm.Store.ReadAudit()[^1].Result);
        Assert.NotNull(Cm.Store.ReadTaskKey(id));
    }

    [Fact]
    public void A_task_whose_limited_tickets_are_spent_ends_without_terminate_whatever_its_unlimited_tickets_did()
    {
        var (id, program, verify) = Task(max: 1);
        Cm.Store.SpendTicket(program.TicketId, Dsn(), Challenges.NewNonce(), DateTimeOffset.UtcNow);
        Cm.Store.SpendTicket(verify.TicketId, Dsn(), Challenges.NewNonce(), DateTimeOffset.UtcNow);
        var end = Manufacturer.EndTask(id, terminate: false, []);
        Assert.True(end.Ended);
        var certifier = Certifier(Read(end).Document);
        Assert.False(certifier.Terminated);
        Assert.Equal([new TicketCount(program.TicketId, 1, 1), new TicketCount(verify.TicketId, null, 1)], certifier.Tickets);
    }

    [Fact]
    public void Ending_deletes_the_tasks_tickets_and_task_key_and_signs_an_end_certifier_given_again_with_every_later_status()
    {
        var (id, program, verify) = Task(max: 5);
        var other = Task();
        var dsn = Dsn();
        Cm.Store.SpendTicket(program.TicketId, dsn, Challenges.NewNonce(), DateTimeOffset.UtcNow);
        Manufacturer.MakeJobStatus(id, []);

        var end = Manufacturer.EndTask(id, terminate: true, [_coc]);
        Assert.Equal((2L, true), (end.Sequence, end.Ended));
        Assert.Equal([(program.TicketId, 1L, (long?)5), (verify.TicketId, 0L, null)], end.Tickets.Select(ticket => (ticket.TicketId, ticket.Used, ticket.MaxDevices)));
        Assert.Equal($"ok: task {id}, status 2, 2 ticket(s), 1 use(s), ended: tickets deleted", Cm.Store.ReadAudit()[^1].Result);

        // The tickets and the task key are gone; the other task is untouched.
        Assert.DoesNotContain(Manufacturer.ListTickets(), ticket => ticket.RequestId == id);
        Assert.Null(Cm.Store.ReadTaskKey(id));
        Assert.NotNull(Cm.Store.ReadTaskKey(other.RequestId));
        Assert.Equal(2, Manufacturer.ListTickets().Count);

        var document = Read(end).Document;
        var certifier = Certifier(document);
        Assert.Equal((id, Cm.Identity.MHsmUuid, true, true), (certifier.RequestId, certifier.MHsmUuid, certifier.Terminated, certifier.TicketsDeleted));
        Assert.Equal([new TicketCount(program.TicketId, 5, 1), new TicketCount(verify.TicketId, null, 0)], certifier.Tickets);
        Assert.Equal([(program.TicketId, dsn)], document.Uses.Select(use => (use.TicketId, use.Dsn)));
        Assert.Equal(_coc, Assert.Single(document.Cocs));

        // The task runs nothing more, ends once, and its later statuses carry the same certifier.
        Assert.Equal("UNKNOWN_TICKET", Assert.Throws<HsmException>(() => Cm.Store.SpendTicket(program.TicketId, dsn, Challenges.NewNonce(), DateTimeOffset.UtcNow)).Code);
        Refused("TASK_ENDED", () => Manufacturer.EndTask(id, terminate: true, []));
        var later = Manufacturer.MakeJobStatus(id, []);
        Assert.Equal((3L, true), (later.Sequence, later.Ended)); // the refused end counted no status
        Assert.Equal(document.EndCertifier!.Certifier, Read(later).Document.EndCertifier!.Certifier);
        Assert.Equal([(program.TicketId, dsn)], Read(later).Document.Uses.Select(use => (use.TicketId, use.Dsn)));
    }

    // The certifier's signature checks with the M-HSM's certified identity key; its bytes are the certifier.
    private JobEndCertifier Certifier(JobStatusDocument document)
    {
        var signed = document.EndCertifier ?? throw new InvalidOperationException("The status carries no end certifier.");
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Cm.Certificate(CertifiedKey.ManufacturerRole).Subject.PublicKey, out _);
        Assert.True(key.VerifyData(signed.Certifier, signed.Signature, HashAlgorithmName.SHA384));
        var altered = signed.Certifier.ToArray();
        altered[^2] ^= 1;
        Assert.False(key.VerifyData(altered, signed.Signature, HashAlgorithmName.SHA384));
        return JsonSerializer.Deserialize<JobEndCertifier>(signed.Certifier, HsmJson.Options)!;
    }
}
