using System.Security.Cryptography;
using System.Text;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// The handshake's modules with an HSM job made the real way: the OEM's U-HSM signs a task, the CM's M-HSM processes
/// it, the U-HSM seals target <c>dev1</c> (an Initiator, or an update) to the CM's task key; and requests for one
/// ticketed action on a device of the CM's private factory.
/// </summary>
public class ProductionModules : HandshakeModules
{
    protected const string Target = "dev1";

    internal static readonly Die Mpf300 = DeviceCatalog.Dies.Single(die => die.Name == "MPF300");

    /// <summary>The keyset's values, imported so the tests know what the devices should receive.</summary>
    protected Dictionary<string, byte[]> Imported { get; } = new()
    {
        ["KIP"] = RandomNumberGenerator.GetBytes(32),
        ["UPK1"] = RandomNumberGenerator.GetBytes(32),
        ["UEK1"] = RandomNumberGenerator.GetBytes(32),
        ["UEK2"] = RandomNumberGenerator.GetBytes(32),
        ["UEK1_BASE"] = RandomNumberGenerator.GetBytes(32),
    };

    /// <summary>
    /// A task of four tickets — PROGRAM (at most <paramref name="max"/>), VERIFY (unlimited), ERASE (at most
    /// <paramref name="max"/>) for <c>dev1</c>, PROGRAM for <c>dev2</c> — and <c>dev1</c>'s sealed secrets, processed
    /// by <paramref name="manufacturer"/> (the CM by default).
    /// </summary>
    internal SealedJob Job(string keyMode = "KFP", bool coc = true, string protocol = "AUTH_CODE", long max = 3, BitstreamType type = BitstreamType.Master,
        IReadOnlyList<string>? uniqueKeyTypes = null, byte[]? dsn = null, HsmModule? manufacturer = null)
    {
        var program = Ticket("program_t", maxDevices: max, protocol: protocol);
        var verify = Ticket("verify_t", "VERIFY", null, protocol);
        var erase = Ticket("erase_t", "ERASE", max, protocol);
        var other = Ticket("other_target", maxDevices: max, protocol: protocol) with { Device = "dev2" };
        var user = Oem.UserRole("oem");
        var request = user.SignJobRequest(Content(program, verify, erase, other));
        var reply = (manufacturer ?? Cm).ManufacturerRole("cm").ProcessJobRequest(request.Container).ReplyContainer;
        string[] ticketIds = [program.TicketId, verify.TicketId, erase.TicketId];
        var sealedTarget = user.SealHsmJobTarget(new SealHsmJobTargetRequest
        {
            Request = request.Container,
            Reply = reply,
            MHsmUuid = (manufacturer ?? Cm).Identity.MHsmUuid,
            Target = Target,
            TicketIds = ticketIds,
            Header = new BitstreamHeader
            {
                FamilyCode = Mpf300.Family.DataFileCode(), TypeCode = (byte)type, IdCode = Mpf300.IdCode, Checksum = 1, DesignName = "top", DesignVersion = 2, BackLevel = 0, Dsn = dsn,
            },
            Components = [new PlainComponent(ComponentType.Fabric, RandomNumberGenerator.GetBytes(256)), new PlainComponent(ComponentType.EndOfBitstream, [])],
            Keyset = user.CreateKeyset(new(Imported, null)),
            ProgrammedKeys = type == BitstreamType.Master ? ["UPK1", "UEK1"] : [],
            PolicyFlags = 0x0003,
            UniqueKeyTypes = uniqueKeyTypes ?? [],
            AuthKeyMode = type == BitstreamType.Master ? keyMode : null,
            GenerateCoc = coc,
        });
        var taskKip = HKDF.DeriveKey(HashAlgorithmName.SHA256, Imported["KIP"], 32, [], Encoding.UTF8.GetBytes($"spps-task-kip|{request.RequestId}|{Target}"));
        return new SealedJob(request.RequestId, program, verify, erase, other, ticketIds, sealedTarget.SealedSecrets, taskKip);
    }

    /// <summary>A device of the CM's factory (or <paramref name="factory"/>'s) of the job's die.</summary>
    internal TestDevice Device(Spps.Formats.Production.DeviceFactory? factory = null, Die? die = null) => new(factory ?? Factory, die ?? Mpf300);

    /// <summary>The station's request for <paramref name="ticket"/>'s action on <paramref name="device"/>.</summary>
    internal static DeviceAuthorizationRequest Request(SealedJob job, RequestedTicket ticket, TestDevice device) =>
        Request(job.RequestId, job.TargetTicketIds, job.SealedSecrets, ticket, device);

    /// <summary>The station's request for <paramref name="ticket"/>'s action on <paramref name="device"/> with target <c>dev1</c>'s sealed secrets of a task.</summary>
    internal static DeviceAuthorizationRequest Request(string requestId, IReadOnlyList<string> targetTicketIds, byte[] sealedSecrets, RequestedTicket ticket, TestDevice device) => new()
    {
        RequestId = requestId,
        Target = Target,
        TargetTicketIds = targetTicketIds,
        SealedSecrets = sealedSecrets,
        TicketId = ticket.TicketId,
        Action = ticket.Action,
        DeviceCertificate = device.Certificate.ToBytes(),
        UserKeyStatement = device.Statement.ToBytes(),
        Challenge = device.Challenge.ToBytes(),
    };

    /// <summary>Asks the M-HSM, as a station, for <paramref name="request"/> expecting a refusal: it changes no store, is audited as refused, and its code is returned.</summary>
    protected string Refused(DeviceAuthorizationRequest request)
    {
        var before = StoreRows.Of(Cm);
        var error = Assert.Throws<HsmException>(() => Cm.ManufacturerRole("station").AuthorizeDeviceAction(request));
        Assert.Equal(before, StoreRows.Of(Cm));
        Assert.Equal(("authorize_device_action", "refused: " + error.Code), (Cm.Store.ReadAudit()[^1].Operation, Cm.Store.ReadAudit()[^1].Result));
        return error.Code;
    }
}

/// <summary>An HSM job's task as the station holds it: its tickets, target <c>dev1</c>'s ticket ids and sealed secrets, and (for the tests' checks) the task's KIP.</summary>
internal sealed record SealedJob(string RequestId, RequestedTicket Program, RequestedTicket Verify, RequestedTicket Erase, RequestedTicket OtherTarget,
    IReadOnlyList<string> TargetTicketIds, byte[] SealedSecrets, byte[] TaskKip);
