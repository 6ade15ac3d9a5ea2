using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;
using Spps.Hsm;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;

namespace Spps.Testing;

/// <summary>
/// What a production station works with, made the real way in a folder: an OEM's module and a CM's module in a
/// private world, the CM's serving a private device factory; one HSM task whose PROGRAM ticket allows
/// <c>maxDevices</c> devices, target <c>dev1</c> sealed by the OEM's U-HSM (an Initiator under DFK); and devices of the
/// factory, each asking once. Public APIs only: the benchmarks and the end-to-end tests share it.
/// </summary>
public sealed class ProductionRig : IDisposable
{
    private const string Target = "dev1";
    private static readonly Die _die = DeviceCatalog.Dies.Single(die => die.Name == "MPF300");

    private readonly DeviceFactory _factory = DeviceFactory.Create();
    private readonly string _ticketId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _requestId;
    private readonly byte[] _sealedSecrets;

    public ProductionRig(string folder, long? maxDevices)
    {
        using var world = WorldRoot.Create();
        var oem = HsmModule.Create(Path.Combine(folder, "oem"), world: world);
        var cm = HsmModule.Create(Path.Combine(folder, "cm"), world: world, factory: _factory);
        CmStore = cm.Folder;
        MaxDevices = maxDevices;
        var user = oem.UserRole("oem");
        var request = user.SignJobRequest(new JobRequestContent("line", "cm", [new RequestedTicket(_ticketId, "program", Target, _die.Name, "PROGRAM", maxDevices, "AUTH_CODE")]));
        var reply = cm.ManufacturerRole("cm").ProcessJobRequest(request.Container).ReplyContainer;
        _requestId = request.RequestId;
        _sealedSecrets = user.SealHsmJobTarget(new SealHsmJobTargetRequest
        {
            Request = request.Container,
            Reply = reply,
            MHsmUuid = cm.Identity.MHsmUuid,
            Target = Target,
            TicketIds = [_ticketId],
            Header = new BitstreamHeader
            {
                FamilyCode = _die.Family.DataFileCode(), TypeCode = (byte)BitstreamType.Master, IdCode = _die.IdCode, Checksum = 1, DesignName = "top", DesignVersion = 1, BackLevel = 0,
            },
            Components = [new PlainComponent(ComponentType.Fabric, RandomNumberGenerator.GetBytes(256)), new PlainComponent(ComponentType.EndOfBitstream, [])],
            Keyset = user.CreateKeyset(new(new Dictionary<string, byte[]>(), null)),
            ProgrammedKeys = ["UEK1"],
            AuthKeyMode = "DFK",
            GenerateCoc = true,
        }).SealedSecrets;
    }

    /// <summary>The CM's store folder: serve it, or open it, to spend the ticket.</summary>
    public string CmStore { get; }

    public long? MaxDevices { get; }

    /// <summary>The task's PROGRAM ticket.</summary>
    public string TicketId => _ticketId;

    /// <summary>A station's credential for the CM's module.</summary>
    public HsmCredential EnrollStation(string name) => HsmModule.Open(CmStore).Enroll(name, "manufacturer");

    /// <summary>How many devices the PROGRAM ticket has served, as the CM's store says.</summary>
    public long Used() => HsmModule.Open(CmStore).ManufacturerRole("rig").ListTickets().Single(ticket => ticket.TicketId == _ticketId).Used;

    /// <summary>The request of a new device of the factory, with its certificate and a fresh challenge, for the PROGRAM ticket.</summary>
    public DeviceAuthorizationRequest NewDeviceRequest()
    {
        var dsn = RandomNumberGenerator.GetBytes(Dsn.Bytes);
        using var factoryKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        using var challengeKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        return new DeviceAuthorizationRequest
        {
            RequestId = _requestId,
            Target = Target,
            TargetTicketIds = [_ticketId],
            SealedSecrets = _sealedSecrets,
            TicketId = _ticketId,
            Action = "PROGRAM",
            DeviceCertificate = _factory.Certify(_die.Family.DataFileCode(), _die.IdCode, dsn, P384.Point(factoryKey)).ToBytes(),
            Challenge = DeviceChallenge.Create(dsn, DeviceKeyState.None, challengeKey).ToBytes(),
        };
    }

    /// <summary>
    /// The same device's request for its next action: a fresh challenge nonce (the M-HSM answers each challenge once)
    /// with the station's <paramref name="challengeKey"/>, so no key is generated inside a measured operation.
    /// </summary>
    public static DeviceAuthorizationRequest WithNewChallenge(DeviceAuthorizationRequest request, ECDiffieHellman challengeKey)
    {
        var dsn = DeviceChallenge.Read(request.Challenge, "the device's challenge").Dsn;
        return request with { Challenge = DeviceChallenge.Create(dsn.ToArray(), DeviceKeyState.None, challengeKey).ToBytes() };
    }

    /// <summary>SQLite's <c>PRAGMA integrity_check</c> of the CM's store: "ok" when it is sound.</summary>
    public string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(CmStore, "hsm.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return string.Join("; ", ReadAll(command));
    }

    private static IEnumerable<string> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetString(0);
        }
    }

    public void Dispose() => _factory.Dispose();
}
