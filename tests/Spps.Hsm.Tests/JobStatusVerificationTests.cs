using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.Formats.Keysets;
using Spps.Formats.Production;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Production;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;
using Spps.Testing;

namespace Spps.Hsm.Tests;

/// <summary>
/// The U-HSM's verification of a job status (docs/security.md, "Job status"). Attacks first — a truncated or altered
/// status, one re-signed by another module (of the world or not), a genuine status of another M-HSM, another task's,
/// counts above the limit or that do not add up, an altered end certifier — each refused, audited, the store
/// unchanged; then a verdict per CoC: valid, altered, of another design, of a device not programmed, given twice,
/// made in another task; the end; no key in the audit log.
/// </summary>
public sealed class JobStatusVerificationTests : HandshakeModules
{
    private readonly byte[] _kip = RandomNumberGenerator.GetBytes(32);
    private readonly byte[][] _digests = [SHA256.HashData("fabric"u8), SHA256.HashData("end of bitstream"u8)];

    private IUserHsm User => Oem.UserRole("oem");

    private IManufacturerHsm Manufacturer => Cm.ManufacturerRole("station");

    private WrappedKeyset Keyset => User.CreateKeyset(new(new Dictionary<string, byte[]> { ["KIP"] = _kip }, null));

    private sealed record Task(string RequestId, byte[] Request, byte[] Reply, RequestedTicket Program, RequestedTicket Verify);

    // A task bound to the CM's M-HSM: a limited PROGRAM ticket and an unlimited VERIFY ticket on dev1.
    private Task Bound(long max = 3, HsmModule? manufacturer = null)
    {
        var program = Ticket("program_t", maxDevices: max);
        var verify = Ticket("verify_t", "VERIFY", null, "NONE");
        var request = User.SignJobRequest(Content(program, verify));
        var reply = (manufacturer ?? Cm).ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        return new Task(request.RequestId, request.Container, reply, program, verify);
    }

    private static Dsn NewDsn() => Dsn.FromBytes(RandomNumberGenerator.GetBytes(16));

    private Dsn Programmed(Task task, HsmModule? manufacturer = null)
    {
        var dsn = NewDsn();
        (manufacturer ?? Cm).Store.SpendTicket(task.Program.TicketId, dsn.ToString(), Challenges.NewNonce(), DateTimeOffset.UtcNow);
        return dsn;
    }

    // What the device computes: its CoC key from the task's KIP for the target (docs/production.md).
    private byte[] Coc(Task task, Dsn dsn, IReadOnlyList<byte[]>? digests = null, byte[]? keysetKip = null, string target = "dev1")
    {
        var taskKip = HKDF.DeriveKey(HashAlgorithmName.SHA256, keysetKip ?? _kip, 32, [], Encoding.UTF8.GetBytes(HsmJobSealer.KipPurpose(task.RequestId, target)));
        return CertificateOfConformance.Compute(CertificateOfConformance.DeriveKey(taskKip, dsn.ToArray()), dsn, 1, digests ?? _digests).ToBytes();
    }

    private JobStatusCheck Check(Task task, byte[] status, HsmModule? boundTo = null) => new()
    {
        Request = task.Request,
        Reply = task.Reply,
        MHsmUuid = (boundTo ?? Cm).Identity.MHsmUuid,
        Status = status,
        Targets = [new CocTarget("dev1", Keyset, _digests)],
    };

    private string Refused(JobStatusCheck check)
    {
        var before = StoreRows.Of(Oem);
        var error = Assert.Throws<HsmException>(() => User.VerifyJobStatus(check));
        Assert.Equal(before, StoreRows.Of(Oem));
        Assert.StartsWith("refused: " + error.Code, Oem.Store.ReadAudit()[^1].Result, StringComparison.Ordinal);
        Assert.Equal("verify_job_status", Oem.Store.ReadAudit()[^1].Operation);
        return error.Code;
    }

    private static byte[] Resigned(byte[] status, HsmModule signer, Action<JsonObject> change) =>
        HandshakeForgery.ChangeJson(status, "status.json", change, signer.IdentityKey(CertifiedKey.ManufacturerRole));

    [Fact]
    public void A_truncated_or_altered_status_is_refused()
    {
        var task = Bound();
        var status = Manufacturer.MakeJobStatus(task.RequestId, []).Container;
        Assert.Equal("BAD_CONTAINER", Refused(Check(task, status[..(status.Length / 2)])));
        Assert.Equal("BAD_CONTAINER", Refused(Check(task, [])));
        var altered = status.ToArray();
        altered[altered.Length / 2] ^= 1;
        Assert.Equal("BAD_CONTAINER", Refused(Check(task, altered)));
        Assert.Equal("BAD_SIGNATURE", Refused(Check(task, HandshakeForgery.ChangeJson(status, "status.json", json => json["sequence"] = 7))));
    }

    [Fact]
    public void A_status_re_signed_by_another_module_or_genuine_from_another_m_hsm_is_refused()
    {
        var task = Bound();
        var status = Manufacturer.MakeJobStatus(task.RequestId, []).Container;

        // Re-signed by a module of another world, its certificate swapped in.
        var foreign = HandshakeForgery.ChangeParts(status, parts => parts["m-hsm.cert"] = Stranger.Certificate(CertifiedKey.ManufacturerRole).ToBytes(),
            Stranger.IdentityKey(CertifiedKey.ManufacturerRole));
        Assert.Equal("FOREIGN_WORLD", Refused(Check(task, foreign)));

        // A genuine M-HSM of the same world processed the same request: its status is its own, not the bound module's.
        var other = HsmModule.Create(Folder.Combine("other cm"), world: World);
        other.ManufacturerRole().ProcessJobRequest(task.Request);
        var genuine = other.ManufacturerRole().MakeJobStatus(task.RequestId, []).Container;
        Assert.Equal("NOT_BOUND_MHSM", Refused(Check(task, genuine)));

        // Signed by the OEM's own user identity: not an M-HSM's word.
        var user = HandshakeForgery.ChangeParts(status, parts => parts["m-hsm.cert"] = Oem.Certificate(CertifiedKey.UserRole).ToBytes(), Oem.IdentityKey(CertifiedKey.UserRole));
        Assert.Equal("WRONG_ROLE", Refused(Check(task, user)));

        // The task said to be bound to another module than its reply's.
        Assert.Equal("NOT_BOUND_MHSM", Refused(Check(task, status, boundTo: other)));
    }

    [Fact]
    public void Another_tasks_status_is_refused()
    {
        var task = Bound();
        var another = Bound();
        var status = Manufacturer.MakeJobStatus(another.RequestId, []).Container;
        Assert.Equal("NOT_THIS_TASK", Refused(Check(task, status)));
        var renamed = Resigned(Manufacturer.MakeJobStatus(task.RequestId, []).Container, Cm, json => json["job"] = "another_job");
        Assert.Equal("NOT_THIS_TASK", Refused(Check(task, renamed)));
    }

    [Fact]
    public void Counts_above_the_maximum_or_that_do_not_add_up_are_refused_even_signed_by_the_bound_m_hsm()
    {
        var task = Bound(max: 1);
        Programmed(task);
        var status = Manufacturer.MakeJobStatus(task.RequestId, []).Container;

        var over = Resigned(status, Cm, json => Ticket(json, 0)["used"] = 2);
        Assert.Equal("OVER_LIMIT", Refused(Check(task, over)));
        Assert.Equal("BAD_STATUS", Refused(Check(task, Resigned(status, Cm, json => Ticket(json, 0)["remaining"] = 5))));
        Assert.Equal("BAD_STATUS", Refused(Check(task, Resigned(status, Cm, json => json["uses"]!.AsArray().Clear()))));
        Assert.Equal("BAD_STATUS", Refused(Check(task, Resigned(status, Cm, json => Ticket(json, 0)["maxDevices"] = 1000))));
        Assert.Equal("BAD_STATUS", Refused(Check(task, Resigned(status, Cm, json => json["tickets"]!.AsArray().RemoveAt(1)))));
        Assert.Equal("BAD_STATUS", Refused(Check(task, Resigned(status, Cm, json => json["sequence"] = 0))));
    }

    private static JsonObject Ticket(JsonObject status, int index) => status["tickets"]![index]!.AsObject();

    [Fact]
    public void An_end_certifier_altered_or_not_stating_the_final_counts_is_refused()
    {
        var task = Bound(max: 1);
        Programmed(task);
        var end = Manufacturer.EndTask(task.RequestId, terminate: false, []).Container;
        Assert.NotNull(User.VerifyJobStatus(Check(task, end)).End);

        var altered = Resigned(end, Cm, json =>
        {
            var certifier = Convert.FromBase64String(json["endCertifier"]!["certifier"]!.GetValue<string>());
            certifier[^3] ^= 1;
            json["endCertifier"]!["certifier"] = Convert.ToBase64String(certifier);
        });
        Assert.Equal("BAD_CERTIFIER", Refused(Check(task, altered)));

        // Another task's genuine certifier carried in this task's status.
        var another = Bound(max: 1);
        var otherEnd = Manufacturer.EndTask(another.RequestId, terminate: true, []).Container;
        var otherCertifier = JsonNode.Parse(Encoding.UTF8.GetString(PartOf(otherEnd)))!["endCertifier"]!.DeepClone();
        Assert.Equal("BAD_CERTIFIER", Refused(Check(task, Resigned(end, Cm, json => json["endCertifier"] = otherCertifier))));
    }

    private static byte[] PartOf(byte[] container) =>
        Spps.Formats.Containers.ContainerFile.ReadSigned(new MemoryStream(container), "status", "spps-job-status", 1).Content.Parts["status.json"];

    [Fact]
    public void Each_coc_gets_its_own_verdict_and_a_bad_one_refuses_nothing_else()
    {
        var task = Bound(max: 10);
        var (good, altered, otherDesign, twice) = (Programmed(task), Programmed(task), Programmed(task), Programmed(task));
        var replayedFor = Programmed(task); // its CoC is missing; good's CoC is given in its place
        var notProgrammed = NewDsn();
        var earlier = Bound(max: 10);
        var fromEarlierTask = Programmed(task);
        Programmed(earlier);

        var alteredCoc = Coc(task, altered);
        alteredCoc[40] ^= 1;
        byte[][] cocs =
        [
            Coc(task, good), alteredCoc, Coc(task, otherDesign, [SHA256.HashData("another design"u8), _digests[1]]), Coc(task, twice), Coc(task, twice),
            Coc(task, good), Coc(task, notProgrammed), Coc(earlier, fromEarlierTask), [.. "SPPSCOC1"u8, 1, 2, 3],
        ];
        var verified = User.VerifyJobStatus(Check(task, Manufacturer.MakeJobStatus(task.RequestId, cocs).Container));

        Assert.Equal(
            [
                (good.ToString(), CocVerdict.Valid), (altered.ToString(), CocVerdict.BadMac), (otherDesign.ToString(), CocVerdict.WrongBitstream),
                (twice.ToString(), CocVerdict.Valid), (twice.ToString(), CocVerdict.Replayed), (good.ToString(), CocVerdict.Replayed),
                (notProgrammed.ToString(), CocVerdict.NotProgrammed), (fromEarlierTask.ToString(), CocVerdict.BadMac), (null, CocVerdict.Malformed),
            ],
            verified.Cocs.Select(coc => (coc.Dsn, coc.Verdict)));
        Assert.DoesNotContain(verified.Cocs, coc => coc.Dsn == replayedFor.ToString());
        Assert.All(verified.Cocs.Where(coc => coc.Dsn is not null), coc => Assert.Equal(coc.Verdict == CocVerdict.NotProgrammed ? null : "dev1", coc.Target));
        Assert.Equal((1L, 6L, (long?)4), (verified.Sequence, verified.Tickets[0].Used, verified.Tickets[0].Remaining));
        Assert.Equal(6, verified.Uses.Count);
        Assert.Null(verified.End);
        Assert.Equal($"ok: task {task.RequestId}, status 1, 2 ticket(s), 6 use(s), 9 CoC(s) (2 BAD_MAC, 1 MALFORMED, 1 NOT_PROGRAMMED, 2 REPLAYED, 2 VALID, 1 WRONG_BITSTREAM)",
            Oem.Store.ReadAudit()[^1].Result);
    }

    [Fact]
    public void A_coc_of_a_target_that_generates_none_or_under_another_keyset_is_reported()
    {
        var task = Bound();
        var dsn = Programmed(task);
        var status = Manufacturer.MakeJobStatus(task.RequestId, [Coc(task, dsn)]).Container;
        Assert.Equal(CocVerdict.NoCocTarget, Assert.Single(User.VerifyJobStatus(Check(task, status) with { Targets = [] }).Cocs).Verdict);

        var otherKeyset = User.CreateKeyset(new(new Dictionary<string, byte[]>(), null));
        Assert.Equal(CocVerdict.BadMac, Assert.Single(User.VerifyJobStatus(Check(task, status) with { Targets = [new CocTarget("dev1", otherKeyset, _digests)] }).Cocs).Verdict);

        // A target that is not the task's, and a keyset of another module, are refused.
        Assert.Equal("BADREQUEST", Refused(Check(task, status) with { Targets = [new CocTarget("dev9", Keyset, _digests)] }));
        var foreignKeyset = Stranger.UserRole("stranger").CreateKeyset(new(new Dictionary<string, byte[]>(), null));
        Assert.Equal("FOREIGN_KEYSET", Refused(Check(task, status) with { Targets = [new CocTarget("dev1", foreignKeyset, _digests)] }));
    }

    [Fact]
    public void An_end_status_states_the_end_and_the_audit_log_names_no_key()
    {
        var task = Bound(max: 5);
        var dsn = Programmed(task);
        var end = User.VerifyJobStatus(Check(task, Manufacturer.EndTask(task.RequestId, terminate: true, [Coc(task, dsn)]).Container));

        Assert.Equal((true, true), (end.End!.Terminated, end.End.TicketsDeleted));
        Assert.Equal(CocVerdict.Valid, Assert.Single(end.Cocs).Verdict);
        Assert.EndsWith("1 CoC(s) (1 VALID), ended (terminated): tickets deleted", Oem.Store.ReadAudit()[^1].Result, StringComparison.Ordinal);
        var taskKip = HKDF.DeriveKey(HashAlgorithmName.SHA256, _kip, 32, [], Encoding.UTF8.GetBytes(HsmJobSealer.KipPurpose(task.RequestId, "dev1")));
        var audit = string.Join("\n", Oem.Store.ReadAudit().Select(entry => entry.Result));
        foreach (var key in new[] { _kip, taskKip, CertificateOfConformance.DeriveKey(taskKip, dsn.ToArray()) })
        {
            SecretScan.AssertAbsentFromText(key, audit, "the audit log");
        }
    }

    [Fact]
    public void A_status_above_the_containers_general_16_mib_part_is_made_read_and_verified()
    {
        // CoCs of the largest size the M-HSM takes (126 components: 4,096 bytes) pass the old limit with 3,100 devices,
        // not the 50,000 of two-component ones; and as each PROGRAM spends a ticket durably, only some devices are
        // programmed: the others' CoCs are read and reported all the same.
        const int Devices = 3_100;
        const int ProgrammedDevices = 100;
        var digests = Enumerable.Range(0, 126).Select(index => SHA256.HashData(BitConverter.GetBytes(index))).ToArray();
        var task = Bound(max: ProgrammedDevices);
        var cocs = Enumerable.Range(0, Devices).Select(index => Coc(task, index < ProgrammedDevices ? Programmed(task) : NewDsn(), digests)).ToArray();
        Assert.Equal(JobStatusMaker.CocBytes, cocs[0].Length);

        var status = Manufacturer.EndTask(task.RequestId, terminate: false, cocs).Container;
        // A status is stored, not deflated: its status.json is all of it but a few kilobytes.
        Assert.True(status.Length > Spps.Formats.Containers.ContainerFile.MaximumWholePartBytes + (16 << 10));
        var verified = User.VerifyJobStatus(Check(task, status) with { Targets = [new CocTarget("dev1", Keyset, digests)] });

        Assert.Equal(Enumerable.Repeat(CocVerdict.Valid, ProgrammedDevices).Concat(Enumerable.Repeat(CocVerdict.NotProgrammed, Devices - ProgrammedDevices)),
            verified.Cocs.Select(coc => coc.Verdict));
        Assert.Equal((ProgrammedDevices, (long?)0), (verified.Tickets[0].Used, verified.Tickets[0].Remaining));
        Assert.False(verified.End!.Terminated);
    }

    [Fact]
    public void A_status_part_above_the_job_status_limit_is_refused_before_it_is_inflated()
    {
        // 64 MiB and one byte of zeros deflate to some 65 KB: the reader must refuse them by their declared size.
        var task = Bound();
        var genuine = Manufacturer.MakeJobStatus(task.RequestId, []).Container;
        var bomb = WithDeflatedZeros(genuine, "status.json", JobStatusFile.MaximumDocumentBytes + 1L);
        Assert.True(bomb.Length < 1 << 20);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("BAD_CONTAINER", Refused(Check(task, bomb)));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 8 << 20);
        var error = Assert.Throws<HsmException>(() => JobStatusFile.ReadHeading(bomb, "big.status"));
        Assert.Equal($"'big.status' is not a valid container: the part 'status.json' has {JobStatusFile.MaximumDocumentBytes + 1L} bytes, " +
                     $"more than the {JobStatusFile.MaximumDocumentBytes} such a part can have.", error.Message);
    }

    // The container with one part replaced by a deflated run of zeros, its manifest listing the run's size and SHA-256
    // and the old signature kept: what a small file declaring a huge part looks like.
    private static byte[] WithDeflatedZeros(byte[] container, string part, long size)
    {
        var read = Spps.Formats.Containers.ContainerFile.ReadSigned(new MemoryStream(container), "status", "spps-job-status", 1);
        var zeros = new byte[1 << 20];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var left = size; left > 0; left -= zeros.Length)
        {
            hash.AppendData(zeros, 0, (int)Math.Min(left, zeros.Length));
        }

        var manifest = JsonNode.Parse(read.Manifest)!.AsObject();
        manifest["parts"]![part] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()), ["size"] = size };
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()));
            Add(zip, "manifest.sig", read.Signature);
            foreach (var (name, content) in read.Content.Parts.Where(entry => entry.Key != part))
            {
                Add(zip, name, content);
            }

            using var stream = zip.CreateEntry(part, System.IO.Compression.CompressionLevel.Fastest).Open();
            for (var left = size; left > 0; left -= zeros.Length)
            {
                stream.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
            }
        }

        return output.ToArray();

        static void Add(System.IO.Compression.ZipArchive zip, string name, byte[] content)
        {
            using var stream = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.NoCompression).Open();
            stream.Write(content);
        }
    }
}
