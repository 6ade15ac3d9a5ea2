using Spps.Devices;
using Spps.Formats.Production;
using Spps.Hsm.Handshake;
using Spps.Hsm.HsmJobs;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Production;

/// <summary>
/// The M-HSM's answer to one ticketed action on one device (docs/production.md, "The authorisation code"). It checks
/// everything first — the ticket is held, of this task, target and action; the device certificate is of this module's
/// factory, of the ticket's die; the challenge is that device's; a KUP/KUPE device's user key statement is its own;
/// the sealed secrets open with this module's task key; the device's challenge states a key state under which it
/// takes the action's key mode — then spends the ticket (the use and the challenge it answers committed to disk; a
/// challenge answered before for the same ticket is not counted again), and only
/// then builds the code: the task's KIP and, for a PROGRAM of an Initiator, the keys it programs (per device for
/// UNIQUE_KEY) and the CoC key, or for a DEBUG the one-time passcode of the device's challenge, sealed to that device
/// under the target's key mode. Every plaintext is zeroed after use.
/// </summary>
internal sealed class DeviceAuthorizer(HsmModule module)
{
    private const string ChallengeSource = "the device challenge";
    private const string CertificateSource = "the device certificate";
    private const string StatementSource = "the user key statement";

    public Authorized Authorize(DeviceAuthorizationRequest given)
    {
        var request = Snapshot(given);
        var ticket = CheckTicket(request);
        var certificate = CheckDevice(request, ticket);
        var challenge = Read(() => DeviceChallenge.Read(request.Challenge, ChallengeSource));
        if (!challenge.Dsn.Equals(certificate.Dsn))
        {
            throw new HsmException("WRONG_DEVICE", $"The device challenge is of device {challenge.Dsn}, and the certificate of device {certificate.Dsn}: an authorisation answers its own device's challenge.");
        }

        using var secrets = TaskSecretsOpener.Open(module, request.RequestId, request.Target, request.TargetTicketIds, request.SealedSecrets);
        var target = TargetSecrets.Of(secrets, request.Target);
        var action = ActionOf(request.Action);
        CheckActionFits(ticket, action, target);
        var mode = target.ModeFor(action, challenge.KeyState, certificate.Dsn);
        var statement = mode is KeyMode.Kup or KeyMode.Kupe ? CheckStatement(request, certificate, mode) : null;
        var recipient = target.Recipient(mode, module, certificate, statement);

        // Everything is checked: the use is on disk before anything for the device is built.
        var spent = module.Store.SpendTicket(ticket.TicketId, certificate.Dsn.ToString(), Convert.ToHexStringLower(challenge.Nonce), DateTimeOffset.UtcNow);
        using var entries = target.Entries(action, challenge);
        var code = AuthorizationCode.Seal(action, mode, challenge, recipient, entries);
        return new Authorized(new DeviceAuthorization(code.ToBytes(), spent.Ticket), certificate.Dsn, mode, spent.Repeated);
    }

    /// <summary>What the audit log says of an authorisation: the ticket, the device, the action and key mode, the counter (never a key).</summary>
    public static string Describe(Authorized authorized)
    {
        var ticket = authorized.Result.Ticket;
        return $"ticket {ticket.TicketId}, device {authorized.Dsn}, {ticket.Action} under {authorized.KeyMode.ToString().ToUpperInvariant()}, " +
               $"used {ticket.Used}" + (ticket.MaxDevices is { } max ? $" of {max}" : " (unlimited)") +
               (authorized.Repeated ? ", the challenge answered again (counted once)" : string.Empty);
    }

    /// <summary>An accepted authorisation and what the audit log names: the device, the key mode, and whether its challenge was answered before.</summary>
    public sealed record Authorized(DeviceAuthorization Result, Dsn Dsn, KeyMode KeyMode, bool Repeated);

    // The ticket must be held, and be the one the station claims: of this task, for this target and this action.
    private TicketRecord CheckTicket(DeviceAuthorizationRequest request)
    {
        var ticket = module.Store.FindTicket(request.TicketId)
                     ?? throw (module.Store.FindEnd(request.RequestId) is { } end ? Store.HsmStore.TaskEnded(request.RequestId, end) : Store.HsmStore.UnknownTicket(request.TicketId));
        var mismatch = ticket.RequestId != request.RequestId ? $"of task {ticket.RequestId}, not of task {request.RequestId}"
            : ticket.Device != request.Target ? $"for target '{ticket.Device}', not '{request.Target}'"
            : ticket.Action != request.Action ? $"for {ticket.Action}, not {request.Action}"
            : !request.TargetTicketIds.Contains(ticket.TicketId) ? "not one of the target's tickets the job lists"
            : null;
        return mismatch is null
            ? ticket
            : throw new HsmException("WRONG_TICKET", $"The ticket {ticket.TicketId} ('{ticket.TicketName}') is {mismatch}; nothing was spent.");
    }

    // The device: a certificate this module's factory issued, for a die of the ticket's kind.
    private DeviceCertificate CheckDevice(DeviceAuthorizationRequest request, TicketRecord ticket)
    {
        var certificate = Read(() => DeviceCertificate.Read(request.DeviceCertificate, CertificateSource));
        if (!certificate.FactoryId.AsSpan().SequenceEqual(module.Factory.IdBytes))
        {
            throw new HsmException("FOREIGN_FACTORY",
                $"The device {certificate.Dsn} was made by factory {Convert.ToHexStringLower(certificate.FactoryId)}; this M-HSM serves the devices of factory {module.Factory.Description}.");
        }

        Read(() => certificate.Verify(module.Factory.CaPublicKey, CertificateSource));
        var die = DeviceCatalog.Dies.FirstOrDefault(candidate => candidate.Name == ticket.Die);
        if (die is null || (certificate.IdCode & die.IdCodeMask) != die.IdCode)
        {
            throw new HsmException("WRONG_DEVICE",
                $"The device {certificate.Dsn} has IDCODE {certificate.IdCode:X8}; the ticket {ticket.TicketId} is for a {ticket.Die}{(die is null ? string.Empty : $" (IDCODE {die.IdCode:X8})")}.");
        }

        return certificate;
    }

    // A debug target's secrets serve DEBUG tickets only, and a DEBUG ticket only a debug target's: the seal binds the
    // tickets to the target, but the M-HSM does not rely on the sealer having refused to bind them.
    private static void CheckActionFits(TicketRecord ticket, AuthorizedAction action, TargetSecrets target)
    {
        if ((action == AuthorizedAction.Debug) != target.IsDebug)
        {
            throw new HsmException("WRONG_TICKET",
                $"The ticket {ticket.TicketId} is for {ticket.Action}, and the sealed secrets of target '{ticket.Device}' are a {target.Type} bitstream's: " +
                $"{(target.IsDebug ? "they serve DEBUG tickets only" : "only a DEBUG target's serve a DEBUG ticket")}. Nothing was spent.");
        }
    }

    private static UserKeyStatement CheckStatement(DeviceAuthorizationRequest request, DeviceCertificate certificate, KeyMode mode)
    {
        var statement = request.UserKeyStatement is { } bytes
            ? Read(() => UserKeyStatement.Read(bytes, StatementSource))
            : throw new HsmException("USER_KEY_REQUIRED", $"The target's key mode is {mode.ToString().ToUpperInvariant()}: its authorisation is made for the device's user EC key, and the request carries no user key statement.");
        Read(() => statement.Verify(certificate, StatementSource));
        return statement;
    }

    private static AuthorizedAction ActionOf(string action) => action switch
    {
        "PROGRAM" => AuthorizedAction.Program,
        "ERASE" => AuthorizedAction.Erase,
        "DEBUG" => AuthorizedAction.Debug,
        _ => AuthorizedAction.Verify,
    };

    // A record that does not decode, or whose signature fails, is refused naming what it is and why.
    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ProductionFormatException error)
        {
            throw new HsmException("BAD_DEVICE", error.Message);
        }
    }

    private static void Read(Action check) => Read(() =>
    {
        check();
        return true;
    });

    // Every part is checked present, and copied, before any is used (a request arrives as JSON from any enrolled client).
    private static DeviceAuthorizationRequest Snapshot(DeviceAuthorizationRequest request)
    {
        if (request.RequestId is null || request.Target is null || request.TargetTicketIds is null || request.TargetTicketIds.Any(id => id is null) || request.SealedSecrets is null
            || request.TicketId is null || request.Action is null || request.DeviceCertificate is null || request.Challenge is null)
        {
            throw new HsmException("BADREQUEST", "The authorisation request is incomplete: it needs the task's request id, the target and its ticket ids, the sealed secrets, the ticket, the action, the device certificate and its challenge.");
        }

        if (!JobRequestRules.IsId(request.RequestId) || !JobRequestRules.IsId(request.TicketId))
        {
            throw new HsmException("BADVALUE",
                $"The request id {HandshakeContainer.Quote(request.RequestId)} and ticket id {HandshakeContainer.Quote(request.TicketId)} must each be 32 lower-case hex digits.");
        }

        if (request.Action is not ("PROGRAM" or "ERASE" or "VERIFY" or "DEBUG"))
        {
            throw new HsmException("BADVALUE", $"The action {HandshakeContainer.Quote(request.Action)} is not one a ticket authorises on a device (expecting PROGRAM, ERASE, VERIFY or DEBUG).");
        }

        return request with
        {
            TargetTicketIds = [.. request.TargetTicketIds],
            SealedSecrets = request.SealedSecrets.ToArray(),
            DeviceCertificate = request.DeviceCertificate.ToArray(),
            UserKeyStatement = request.UserKeyStatement?.ToArray(),
            Challenge = request.Challenge.ToArray(),
        };
    }
}
