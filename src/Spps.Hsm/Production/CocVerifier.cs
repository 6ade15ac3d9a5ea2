using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;
using Spps.Hsm.Handshake;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;
using Spps.Hsm.Store;

namespace Spps.Hsm.Production;

/// <summary>
/// A verdict on each CoC of a status (docs/security.md, "Job status"). The device a CoC names must have had a ticketed
/// PROGRAM of the task recorded; its target's CoC key is re-derived here from the task's KIP for that target (the
/// keyset's KIP, the request id, the target) and the DSN, and the MAC checked; its component digests must be those of
/// the bitstream the job was exported with; and a device gives no more CoCs than it had PROGRAMs, nor one twice. The
/// task's KIPs live only in this object and are zeroed when it is disposed.
/// </summary>
internal sealed class CocVerifier : IDisposable
{
    private readonly Dictionary<string, (CocKeyDeriver Keys, IReadOnlyList<byte[]> Digests)> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ticketTargets;

    public CocVerifier(HsmModule module, string requestId, JobRequestDocument asked, IReadOnlyList<CocTarget> targets, byte[] master)
    {
        _ticketTargets = asked.Tickets.Where(ticket => ticket.Action == "PROGRAM").ToDictionary(ticket => ticket.TicketId, ticket => ticket.Device, StringComparer.Ordinal);
        try
        {
            foreach (var target in targets)
            {
                if (!asked.Tickets.Any(ticket => ticket.Device == target.Name) || _targets.ContainsKey(target.Name))
                {
                    throw new HsmException("BADREQUEST",
                        $"The target {HandshakeContainer.Quote(target.Name)} is not a target of request {asked.RequestId}'s tickets, or is named twice: CoCs are checked per target of the task.");
                }

                using var keyset = OpenedKeyset.Open(target.Keyset, master, module.Identity.UMasterHsmUuid);
                var kip = HsmJobSealer.TaskKip(keyset, requestId, target.Name);
                try
                {
                    _targets[target.Name] = (new CocKeyDeriver(kip), target.ComponentDigests);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(kip);
                }
            }
        }
        catch
        {
            Dispose(); // no KIP derived so far outlives a refusal
            throw;
        }
    }

    public IReadOnlyList<CocVerdict> Verify(IReadOnlyList<byte[]> cocs, IReadOnlyList<TicketUse> uses)
    {
        // Each device's PROGRAMs: for which targets, and how many CoCs it may give.
        var programs = new Dictionary<Dsn, (HashSet<string> Targets, int Count)>();
        foreach (var use in uses.Where(use => _ticketTargets.ContainsKey(use.TicketId)))
        {
            var dsn = Dsn.Parse(use.Dsn, "dsn");
            var (targets, count) = programs.GetValueOrDefault(dsn, ([], 0));
            targets.Add(_ticketTargets[use.TicketId]);
            programs[dsn] = (targets, count + 1);
        }

        var accepted = new Dictionary<Dsn, List<byte[]>>();
        var verdicts = new List<CocVerdict>(cocs.Count);
        for (var index = 0; index < cocs.Count; index++)
        {
            verdicts.Add(Verdict(index, cocs[index], programs, accepted));
        }

        return verdicts;
    }

    private CocVerdict Verdict(int index, byte[] bytes, Dictionary<Dsn, (HashSet<string> Targets, int Count)> programs, Dictionary<Dsn, List<byte[]>> accepted)
    {
        var source = $"CoC {index + 1} of the job status";
        CertificateOfConformance coc;
        try
        {
            coc = CertificateOfConformance.Read(bytes, source);
        }
        catch (ProductionFormatException error)
        {
            return new CocVerdict(index, null, null, null, CocVerdict.Malformed, error.Message);
        }

        var dsn = coc.Dsn;
        CocVerdict Of(string? target, string verdict, string reason) => new(index, dsn.ToString(), target, coc.CycleCount, verdict, reason);
        if (!programs.TryGetValue(dsn, out var programmed))
        {
            return Of(null, CocVerdict.NotProgrammed, "no ticketed PROGRAM of this device is recorded in the status: the CoC is not of this job's devices");
        }

        var target = programmed.Targets.FirstOrDefault(name => _targets.TryGetValue(name, out var keys) && IsMadeWithKey(coc, keys.Keys, dsn, source));
        if (target is null)
        {
            return programmed.Targets.FirstOrDefault(_targets.ContainsKey) is { } checkable
                ? Of(checkable, CocVerdict.BadMac, "not made with the device's CoC key for this task: altered, forged, or made in another task")
                : Of(programmed.Targets.First(), CocVerdict.NoCocTarget, $"the device was programmed for target '{programmed.Targets.First()}', whose bitstream generates no CoC");
        }

        if (!IsOf(coc.ComponentDigests, _targets[target].Digests))
        {
            return Of(target, CocVerdict.WrongBitstream, $"it reports components other than those of the bitstream target '{target}' was exported with");
        }

        var earlier = accepted.TryGetValue(dsn, out var list) ? list : accepted[dsn] = [];
        if (earlier.Count >= programmed.Count || earlier.Any(other => other.AsSpan().SequenceEqual(bytes)))
        {
            return Of(target, CocVerdict.Replayed, $"given again: the device had {programmed.Count} PROGRAM(s), and as many CoCs of it were counted already, or this one was given before");
        }

        earlier.Add(bytes);
        return Of(target, CocVerdict.Valid, "made by the device with its CoC key for this task, for the exported bitstream");
    }

    private static bool IsMadeWithKey(CertificateOfConformance coc, CocKeyDeriver keys, Dsn dsn, string source)
    {
        Span<byte> key = stackalloc byte[32];
        try
        {
            keys.Derive(dsn, key);
            coc.Verify(key, source);
            return true;
        }
        catch (ProductionFormatException)
        {
            return false; // a MAC that does not check is this CoC's verdict, not a failure of the status
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static bool IsOf(IReadOnlyList<byte[]> reported, IReadOnlyList<byte[]> exported) =>
        reported.Count == exported.Count && reported.Zip(exported).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

    public void Dispose()
    {
        foreach (var (keys, _) in _targets.Values)
        {
            keys.Dispose();
        }

        _targets.Clear();
    }
}
