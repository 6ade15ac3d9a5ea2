using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Spps.Devices;
using Spps.Formats.Production;
using Spps.Hsm;
using Spps.Hsm.Handshake;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Production;
using Spps.Hsm.Protocol;
using Spps.Hsm.Store;

namespace Spps.Benchmarks;

/// <summary>
/// The U-HSM's check of a job status's CoCs: 100,000 CoCs (a key re-derived per device, its MAC, its digests) per second
/// beside HMAC-SHA256 one-shots over the same CoC bytes (the ceiling: each CoC needs at least one); and the whole
/// verify_job_status of a status of the same 100,000 devices (each a use and a CoC), with its one signature check.
/// </summary>
internal static class JobStatusBenchmark
{
    private const int Cocs = 100_000;
    private const int Runs = 3;

    /// <param name="wholeStatus">Also the whole verify_job_status (its setup spends 100,000 tickets durably: minutes on a busy machine).</param>
    public static void Run(bool wholeStatus)
    {
        var folder = Path.Combine(Path.GetTempPath(), "spps-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var oem = HsmModule.Create(Path.Combine(folder, "oem"));
            var cm = HsmModule.Create(Path.Combine(folder, "cm"));
            var user = oem.UserRole("benchmark");
            var kip = RandomNumberGenerator.GetBytes(32);
            var keyset = user.CreateKeyset(new(new Dictionary<string, byte[]> { ["KIP"] = kip }, null));
            var ticket = new RequestedTicket(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "program", "dev1", "MPF300", "PROGRAM", null, "AUTH_CODE");
            var request = user.SignJobRequest(new("job", "task", [ticket]));
            var reply = cm.ManufacturerRole("benchmark").ProcessJobRequest(request.Container).ReplyContainer;
            byte[][] digests = [SHA256.HashData("fabric"u8), SHA256.HashData("end of bitstream"u8)];
            var taskKip = HKDF.DeriveKey(HashAlgorithmName.SHA256, kip, 32, [], Encoding.UTF8.GetBytes(HsmJobSealer.KipPurpose(request.RequestId, "dev1")));
            var dsns = Enumerable.Range(0, Cocs).Select(_ => Dsn.FromBytes(RandomNumberGenerator.GetBytes(16))).ToList();
            var cocs = dsns.Select(dsn => CertificateOfConformance.Compute(CertificateOfConformance.DeriveKey(taskKip, dsn.ToArray()), dsn, 1, digests).ToBytes()).ToList();
            var uses = dsns.Select(dsn => new TicketUse(ticket.TicketId, dsn.ToString(), "PROGRAM", DateTimeOffset.UtcNow)).ToList();
            var targets = new[] { new CocTarget("dev1", keyset, digests) };

            // The ceiling: one HMAC-SHA256 one-shot over each CoC's bytes (.NET's, OpenSSL's).
            var macKey = RandomNumberGenerator.GetBytes(32);
            var mac = new byte[32];
            void Ceiling(int round) => cocs.ForEach(coc => HMACSHA256.HashData(macKey, coc.AsSpan(0, coc.Length - 32), mac));

            // What each CoC needs besides its MAC: its device's CoC key, derived with the HMAC keyed once per target.
            var derived = new byte[32];
            using var deriver = new CocKeyDeriver(taskKip);
            var (deriveSeconds, deriveCeilingSeconds) = Measure.BestOfEach(_ => dsns.ForEach(dsn => deriver.Derive(dsn, derived)), Ceiling);

            // And its MAC, with the SHA-256 context the check reuses from one CoC to the next.
            using var reused = new ReusableHmacSha256();
            var (macSeconds, macCeilingSeconds) = Measure.BestOfEach(_ => cocs.ForEach(coc => reused.Compute(macKey, coc.AsSpan(0, coc.Length - 32), mac)), Ceiling);

            var asked = new JobRequestDocument(request.RequestId, oem.World.Id, oem.Identity.UHsmUuid, "job", "task", [ticket]);
            var master = oem.Store.ReadSecret(HsmModule.MasterKey);
            IReadOnlyList<CocVerdict> verdicts = [];
            // The check's rounds alternate with the ceiling's, so both see the same load on the machine.
            var (cocSeconds, hmacSeconds) = Measure.BestOfEach(_ =>
            {
                using var verifier = new CocVerifier(oem, request.RequestId, asked, targets, master);
                verdicts = verifier.Verify(cocs, uses);
            }, Ceiling);
            if (verdicts.Any(verdict => verdict.Verdict != CocVerdict.Valid))
            {
                throw new InvalidOperationException("A benchmark CoC did not verify.");
            }

            Console.WriteLine($"CoCs verified, {Cocs:N0}: {Cocs / cocSeconds,10:N0} /s; HMAC-SHA256 one-shots of the same bytes (ceiling) {Cocs / hmacSeconds,10:N0} /s; " +
                              $"ratio {hmacSeconds / cocSeconds:P0}");
            Console.WriteLine($"  the CoC key derivations alone: {Cocs / deriveSeconds,10:N0} /s, the MACs alone: {Cocs / macSeconds,10:N0} /s; so the two HMACs a CoC " +
                              $"allow at most {1 / ((deriveSeconds / deriveCeilingSeconds) + (macSeconds / macCeilingSeconds)):P0} of the ceiling");
            if (!wholeStatus)
            {
                return;
            }

            // A whole status: every device a use (a ticket spent durably, as the M-HSM does) and a CoC, one signature.
            var spending = Stopwatch.StartNew();
            foreach (var dsn in dsns)
            {
                cm.Store.SpendTicket(ticket.TicketId, dsn.ToString(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), DateTimeOffset.UtcNow);
            }

            Console.WriteLine($"(setup: {Cocs:N0} tickets spent in {spending.Elapsed.TotalSeconds:N0} s)");
            var status = cm.ManufacturerRole("benchmark").MakeJobStatus(request.RequestId, cocs).Container;
            var check = new JobStatusCheck { Request = request.Container, Reply = reply, MHsmUuid = cm.Identity.MHsmUuid, Status = status, Targets = targets };
            var whole = Stopwatch.StartNew();
            for (var run = 0; run < Runs; run++)
            {
                user.VerifyJobStatus(check);
            }

            var wholeMs = whole.Elapsed.TotalMilliseconds / Runs;
            var signed = JobStatusFile.Read(status, "status");
            var signature = Stopwatch.StartNew();
            for (var run = 0; run < 100; run++)
            {
                signed.IsSignedBy(signed.Certificate);
            }

            Console.WriteLine($"verify_job_status of {Cocs:N0} devices ({status.Length / 1e6:F1} MB): {wholeMs,7:N0} ms, {Cocs / wholeMs * 1000,8:N0} CoCs/s whole; " +
                              $"its one signature check {signature.Elapsed.TotalMilliseconds / 100:F2} ms");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
