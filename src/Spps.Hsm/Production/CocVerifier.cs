using System.Buffers.Binary;
using System.Runtime.InteropServices;
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
    private readonly ReusableHmacSha256 _hmac = new();

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
        // Each device's PROGRAMs: for which targets, and how many CoCs it may give. Keyed by the DSN's value rather than a
        // Dsn object: 100,000 devices stay in the map while every CoC is checked.
        var programs = new Dictionary<UInt128, ProgrammedDevice>(uses.Count);
        foreach (var use in uses)
        {
            if (_ticketTargets.TryGetValue(use.TicketId, out var target))
            {
                ref var device = ref CollectionsMarshal.GetValueRefOrAddDefault(programs, KeyOf(Dsn.Parse(use.Dsn, "dsn")), out _);
                if (device is null)
                {
                    device = new ProgrammedDevice(target);
                }
                else
                {
                    device.Add(target);
                }
            }
        }

        var verdicts = new List<CocVerdict>(cocs.Count);
        for (var index = 0; index < cocs.Count; index++)
        {
            verdicts.Add(Verdict(index, cocs[index], programs));
        }

        return verdicts;
    }

    private static UInt128 KeyOf(Dsn dsn)
    {
        Span<byte> bytes = stackalloc byte[Dsn.Bytes];
        dsn.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    // A status carries up to 100,000 CoCs: the path of a valid one allocates only what its verdict keeps.
    private CocVerdict Verdict(int index, byte[] bytes, Dictionary<UInt128, ProgrammedDevice> programs)
    {
        CertificateOfConformance coc;
        try
        {
            coc = CertificateOfConformance.Read(bytes, "a CoC of the job status"); // its index is in the verdict: no string per CoC
        }
        catch (ProductionFormatException error)
        {
            return new CocVerdict(index, null, null, null, CocVerdict.Malformed, error.Message);
        }

        var dsn = coc.Dsn;
        if (!programs.TryGetValue(KeyOf(dsn), out var device))
        {
            return Of(index, coc, dsn, null, CocVerdict.NotProgrammed, "no ticketed PROGRAM of this device is recorded in the status: the CoC is not of this job's devices");
        }

        var target = MadeFor(coc, dsn, device.Targets);
        if (target is null)
        {
            var checkable = Array.Find(device.Targets, _targets.ContainsKey);
            return checkable is not null
                ? Of(index, coc, dsn, checkable, CocVerdict.BadMac, "not made with the device's CoC key for this task: altered, forged, or made in another task")
                : Of(index, coc, dsn, device.Targets[0], CocVerdict.NoCocTarget, $"the device was programmed for target '{device.Targets[0]}', whose bitstream generates no CoC");
        }

        if (!coc.Reports(_targets[target].Digests))
        {
            return Of(index, coc, dsn, target, CocVerdict.WrongBitstream, $"it reports components other than those of the bitstream target '{target}' was exported with");
        }

        if (!device.Accept(bytes))
        {
            return Of(index, coc, dsn, target, CocVerdict.Replayed,
                $"given again: the device had {device.Programs} PROGRAM(s), and as many CoCs of it were counted already, or this one was given before");
        }

        return Of(index, coc, dsn, target, CocVerdict.Valid, "made by the device with its CoC key for this task, for the exported bitstream");
    }

    private static CocVerdict Of(int index, CertificateOfConformance coc, Dsn dsn, string? target, string verdict, string reason) =>
        new(index, dsn.ToString(), target, coc.CycleCount, verdict, reason);

    // The first of the device's programmed targets whose CoC key made the CoC; a MAC that does not check is this CoC's
    // verdict, not a failure of the status.
    private string? MadeFor(CertificateOfConformance coc, Dsn dsn, string[] targets)
    {
        Span<byte> key = stackalloc byte[32];
        try
        {
            foreach (var target in targets)
            {
                if (_targets.TryGetValue(target, out var keys))
                {
                    keys.Keys.Derive(dsn, key);
                    if (coc.IsMadeWith(key, _hmac))
                    {
                        return target;
                    }
                }
            }

            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public void Dispose()
    {
        foreach (var (keys, _) in _targets.Values)
        {
            keys.Dispose();
        }

        _targets.Clear();
        _hmac.Dispose();
    }

    // One device's ticketed PROGRAMs in the status — the targets (nearly always one) and how many — and the CoCs of it
    // accepted so far: no more than it had PROGRAMs, none twice. Lean, as a status holds up to 100,000 of them.
    private sealed class ProgrammedDevice(string target)
    {
        private byte[]? _firstAccepted;
        private List<byte[]>? _moreAccepted;

        public string[] Targets { get; private set; } = [target];

        public int Programs { get; private set; } = 1;

        public void Add(string programmed)
        {
            Programs++;
            if (!Targets.Contains(programmed))
            {
                Targets = [.. Targets, programmed];
            }
        }

        public bool Accept(byte[] coc)
        {
            var accepted = (_firstAccepted is null ? 0 : 1) + (_moreAccepted?.Count ?? 0);
            if (accepted >= Programs || WasGiven(coc))
            {
                return false;
            }

            if (_firstAccepted is null)
            {
                _firstAccepted = coc;
            }
            else
            {
                (_moreAccepted ??= []).Add(coc);
            }

            return true;
        }

        private bool WasGiven(byte[] coc) =>
            (_firstAccepted is not null && _firstAccepted.AsSpan().SequenceEqual(coc)) ||
            (_moreAccepted?.Exists(earlier => earlier.AsSpan().SequenceEqual(coc)) ?? false);
    }
}
