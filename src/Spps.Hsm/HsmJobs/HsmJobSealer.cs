using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Crypto;
using Spps.Hsm.Handshake;
using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;

namespace Spps.Hsm.HsmJobs;

/// <summary>
/// The U-HSM's operation for one target of an HSM job (docs/security.md, "HSM jobs"). It first checks the task's
/// reply again — a genuine M-HSM's answer to a request this module signed — and takes the task key from it alone,
/// so secrets are never sealed to a key the HSM did not verify. The tickets must be the request's, for this target.
/// The bitstream's design components are encrypted under the task's KIP, derived from the keyset's KIP and the
/// request id, so it differs for every task; the secrets the M-HSM needs at production (that KIP, the keys the
/// Initiator programs or the update's UEK, the key mode, CoC) are sealed to the task key, bound to request, target and tickets.
/// A DEBUG target encrypts nothing: its secrets are the key mode's UEK and the DPK, which the HSM chooses from the type.
/// </summary>
internal static class HsmJobSealer
{
    private static readonly string[] _authKeyModes = ["DFK", "KFP", "KFPE", "KUP", "KUPE"];

    public static SealedHsmJobTarget Seal(HsmModule module, SealHsmJobTargetRequest given, byte[] master)
    {
        var request = Snapshot(given);
        var (bound, asked) = new UserHandshake(module).VerifyBoundTo(request.Request, request.Reply, request.MHsmUuid, "the secrets are sealed only to the module the task is bound to");

        var tickets = Tickets(asked, request);
        var die = SealingPolicy.Die(request.Header);
        if (tickets.FirstOrDefault(ticket => ticket.Die != die.Name) is { } other)
        {
            throw SealingPolicy.Refused($"ticket {other.TicketId} is for a {other.Die}, and the bitstream's header names {die.Name}", "ticket for another die");
        }

        var type = BitstreamTypes.FromCode(request.Header.TypeCode)?.Name() ?? $"type code {request.Header.TypeCode}";
        CheckType(request, type, die);
        CheckActions(tickets, request.Target, type);
        SealingPolicy.CheckDesignComponents(request.Components, die, $"a {type} bitstream of an HSM job");
        var protocol = tickets[0].Protocol;
        if (tickets.Any(ticket => ticket.Protocol != protocol))
        {
            throw SealingPolicy.Refused($"the tickets of target '{request.Target}' name different protocols ({string.Join(", ", tickets.Select(ticket => ticket.Protocol).Distinct())}); one bitstream has one", "tickets of different protocols");
        }

        using var keyset = OpenedKeyset.Open(request.Keyset, master, module.Identity.UMasterHsmUuid);
        using var secrets = new TaskSecrets();
        if (type == "DEBUG")
        {
            AddDebug(secrets, request, keyset);
            return SealSecrets(secrets, bound, request, BitstreamFormat.Build(request.Header, [], _ => throw new InvalidOperationException("A DEBUG target has no component to encrypt.")));
        }

        var kip = TaskKip(keyset, bound.RequestId, request.Target);
        try
        {
            secrets.Add(TaskSecrets.Kip, kip);
            secrets.AddText(TaskSecrets.Type, type);
            secrets.AddText(TaskSecrets.Protocol, protocol);
            if (type == "MASTER")
            {
                AddInitiator(secrets, request, keyset, protocol, die);
            }
            else
            {
                AddDeviceKey(secrets, request, keyset, type, protocol == "UNIQUE_KEY" && request.UniqueKeyTypes.Contains(type));
            }

            var bitstream = BitstreamFormat.Build(request.Header, [.. request.Components.Select(component => new BitstreamComponent(component.Type, KeyMode.Kip, component.Payload))], _ => kip);
            return SealSecrets(secrets, bound, request, bitstream);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kip);
        }
    }

    /// <summary>The associated data of a target's sealed secrets: the request, the target and its tickets, in the request's order.</summary>
    public static string SealPurpose(string requestId, string target, IEnumerable<string> ticketIds) =>
        $"spps-hsm-job|{requestId}|{target}|{string.Join(",", ticketIds)}";

    /// <summary>The HKDF-SHA256 info from which a task's KIP for a target is derived from the keyset's KIP.</summary>
    public static string KipPurpose(string requestId, string target) => $"spps-task-kip|{requestId}|{target}";

    /// <summary>The task's KIP for a target (the caller zeroes it): the same at every export of the task, and when its CoCs are verified.</summary>
    public static byte[] TaskKip(OpenedKeyset keyset, string requestId, string target) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keyset.Key("KIP"), KeyNames.KeyBytes, [], Encoding.UTF8.GetBytes(KipPurpose(requestId, target)));

    /// <summary>What the audit log says of a sealed target: its type, target, tickets and keyset (never a key).</summary>
    public static string Describe(SealHsmJobTargetRequest request) =>
        $"{(request.Header is { } header ? BitstreamTypes.FromCode(header.TypeCode)?.Name() : null) ?? "bitstream"} of target '{request.Target}', " +
        $"{request.TicketIds?.Count ?? 0} ticket(s), keyset {request.Keyset?.KeysetId}";

    // The tickets named must be the signed request's, all for this target, each named once.
    private static List<RequestedTicket> Tickets(JobRequestDocument asked, SealHsmJobTargetRequest request)
    {
        if (request.TicketIds.Count == 0 || request.TicketIds.Distinct(StringComparer.Ordinal).Count() != request.TicketIds.Count)
        {
            throw SealingPolicy.Refused($"a target of an HSM job names its tickets, each once ({request.TicketIds.Count} named)", "no tickets or a ticket twice");
        }

        var tickets = new List<RequestedTicket>();
        foreach (var id in request.TicketIds)
        {
            var ticket = asked.Tickets.FirstOrDefault(ticket => ticket.TicketId == id)
                         ?? throw SealingPolicy.Refused($"ticket {HandshakeContainer.Quote(id)} is not one of request {asked.RequestId}", "ticket not in the request");
            if (ticket.Device != request.Target)
            {
                throw SealingPolicy.Refused($"ticket {id} of request {asked.RequestId} is for target '{ticket.Device}', not '{request.Target}'", "ticket of another target");
            }

            tickets.Add(ticket);
        }

        return tickets;
    }

    private static void CheckType(SealHsmJobTargetRequest request, string type, Die die)
    {
        if (type is not ("MASTER" or "UEK1" or "UEK2" or "UEK3" or "DEBUG"))
        {
            throw SealingPolicy.Refused($"an HSM job's target is a MASTER (Initiator), UEK1, UEK2, UEK3 update or DEBUG bitstream of the HSM flow, not {type}", "bitstream type not in an HSM job");
        }

        if (type == "DEBUG")
        {
            CheckDebug(request);
            return;
        }

        if (type == "UEK3" && !die.HasUek3)
        {
            throw SealingPolicy.Refused($"{die.Name} has no UEK3", "UEK3 on a die without it");
        }

        if (type == "MASTER" && (request.AuthKeyMode is null || !_authKeyModes.Contains(request.AuthKeyMode)))
        {
            throw SealingPolicy.Refused($"an Initiator's authorization key mode is one of {string.Join(", ", _authKeyModes)}, not {HandshakeContainer.Quote(request.AuthKeyMode ?? "none")}", "impossible key mode");
        }

        if (type == "MASTER" && (request.PolicyFlags & ~SecurityComponent.DefinedPolicyFlags) != 0)
        {
            throw SealingPolicy.Refused($"an Initiator's policy flags are the defined bits ({SecurityComponent.DefinedPolicyFlags:X4}), not {request.PolicyFlags:X4}", "impossible policy flags");
        }

        if (type == "MASTER" && request.Header.Dsn is not null)
        {
            throw SealingPolicy.Refused("an Initiator bitstream is for every device (no DSN): the M-HSM makes each device's authorization", "DSN in an Initiator");
        }
    }

    // The Initiator's keys: project values, or for UNIQUE_KEY the base keys of the per-device ones, which the M-HSM derives for each device.
    private static void AddInitiator(TaskSecrets secrets, SealHsmJobTargetRequest request, OpenedKeyset keyset, string protocol, Die die)
    {
        var userKeys = KeyNames.User.Where(key => key != "UEK3" || die.HasUek3).ToList();
        if (request.ProgrammedKeys.FirstOrDefault(key => !userKeys.Contains(key)) is { } unknown)
        {
            throw SealingPolicy.Refused($"an Initiator for {die.Name} programs user keys ({string.Join(", ", userKeys)}), not {HandshakeContainer.Quote(unknown)}", "not a user key");
        }

        secrets.AddText(TaskSecrets.KeyMode, request.AuthKeyMode!);
        secrets.AddText(TaskSecrets.Coc, request.GenerateCoc ? "TRUE" : "FALSE");
        secrets.AddText(TaskSecrets.Policy, request.PolicyFlags.ToString("X4", CultureInfo.InvariantCulture));
        foreach (var key in request.ProgrammedKeys.Distinct(StringComparer.Ordinal))
        {
            var name = protocol == "UNIQUE_KEY" && request.UniqueKeyTypes.Contains(key) ? KeyNames.BaseOf(key) : key;
            secrets.Add(name, keyset.Key(name));
        }
    }

    // A DEBUG target names nothing but its key mode: the HSM adds that UEK and the DPK, per device where the Initiator
    // made them per device (UNIQUE_KEY types), and no KIP, since it encrypts nothing.
    private static void CheckDebug(SealHsmJobTargetRequest request)
    {
        if (request.AuthKeyMode is not ("UEK1" or "UEK2"))
        {
            throw SealingPolicy.Refused($"a DEBUG target's key mode is UEK1 or UEK2, not {HandshakeContainer.Quote(request.AuthKeyMode ?? "none")}", "impossible debug key mode");
        }

        if (request.Components.Count > 0 || request.ProgrammedKeys.Count > 0 || request.PolicyFlags != 0 || request.GenerateCoc)
        {
            throw SealingPolicy.Refused("a DEBUG target carries no component, programs no key or policy and gives no CoC: the HSM seals its key mode's UEK and the DPK", "design or keys asked in a DEBUG target");
        }

        if (request.UniqueKeyTypes.FirstOrDefault(key => key != request.AuthKeyMode && key != "DPK") is { } other)
        {
            throw SealingPolicy.Refused($"a DEBUG target's per-device keys are among {request.AuthKeyMode} and DPK, not {HandshakeContainer.Quote(other)}", "another key in a DEBUG target");
        }
    }

    // DEBUG tickets go with DEBUG targets only, and a DEBUG target takes DEBUG tickets only: one authorises an unlock, the others a programming.
    private static void CheckActions(List<RequestedTicket> tickets, string target, string type)
    {
        if (tickets.FirstOrDefault(ticket => (ticket.Action == "DEBUG") != (type == "DEBUG")) is { } ticket)
        {
            throw SealingPolicy.Refused(type == "DEBUG"
                ? $"ticket {ticket.TicketId} of target '{target}' is a {ticket.Action} ticket; a DEBUG target takes DEBUG tickets only"
                : $"ticket {ticket.TicketId} of target '{target}' is a DEBUG ticket; it goes with a DEBUG target, not a {type} bitstream", "ticket action not the target's");
        }
    }

    private static void AddDebug(TaskSecrets secrets, SealHsmJobTargetRequest request, OpenedKeyset keyset)
    {
        var keyMode = request.AuthKeyMode!;
        secrets.AddText(TaskSecrets.Type, "DEBUG");
        secrets.AddText(TaskSecrets.Protocol, "ONE_TIME_PASSCODE");
        secrets.AddText(TaskSecrets.KeyMode, keyMode);
        AddDeviceKey(secrets, request, keyset, keyMode, request.UniqueKeyTypes.Contains(keyMode));
        AddDeviceKey(secrets, request, keyset, "DPK", request.UniqueKeyTypes.Contains("DPK"));
    }

    private static SealedHsmJobTarget SealSecrets(TaskSecrets secrets, BoundManufacturer bound, SealHsmJobTargetRequest request, BuiltBitstream bitstream)
    {
        var plaintext = secrets.Encode();
        try
        {
            return new SealedHsmJobTarget(bitstream, TaskSeal.Seal(bound.TaskPublicKey, plaintext, SealPurpose(bound.RequestId, request.Target, request.TicketIds)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    // A key as the devices hold it: the project's value, or when it is per device the base key — or, with a DSN, that one device's key.
    private static void AddDeviceKey(TaskSecrets secrets, SealHsmJobTargetRequest request, OpenedKeyset keyset, string name, bool perDevice)
    {
        if (!perDevice)
        {
            secrets.Add(name, keyset.Key(name));
            return;
        }

        if (request.Header.Dsn is not { } dsn)
        {
            secrets.Add(KeyNames.BaseOf(name), keyset.Key(KeyNames.BaseOf(name)));
            return;
        }

        var key = new byte[DeviceKeyDerivation.KeyBytes];
        try
        {
            DeviceKeyDerivation.Derive(keyset.Key(KeyNames.BaseOf(name)), name, dsn, key);
            secrets.Add($"{name}@{Convert.ToHexString(dsn)}", key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    // Every part is checked present, and copied, before any is used (a request arrives as JSON from any enrolled client).
    private static SealHsmJobTargetRequest Snapshot(SealHsmJobTargetRequest request)
    {
        if (request.Request is null || request.Reply is null || request.MHsmUuid is null || request.Target is null || request.TicketIds is null || request.TicketIds.Any(id => id is null)
            || request.ProgrammedKeys is null || request.UniqueKeyTypes is null)
        {
            throw new HsmException("BADREQUEST", "The HSM job request is incomplete: it needs the task's request and reply, the target, its ticket ids, and the lists of keys.");
        }

        var bitstream = SealingPolicy.Snapshot(new SealBitstreamRequest { Header = request.Header, Components = request.Components, Keyset = request.Keyset });
        SealingPolicy.CheckShape(bitstream);
        return request with
        {
            Request = request.Request.ToArray(),
            Reply = request.Reply.ToArray(),
            TicketIds = [.. request.TicketIds],
            Header = bitstream.Header,
            Components = bitstream.Components,
            Keyset = bitstream.Keyset,
            ProgrammedKeys = [.. request.ProgrammedKeys],
            UniqueKeyTypes = [.. request.UniqueKeyTypes],
        };
    }
}
