using System.Security.Cryptography;
using Spps.Formats.Production;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Tests;

/// <summary>
/// An OEM's module and a contract manufacturer's module in one private world (the manufacturer's serving a private
/// device factory), and a stranger's module in another private world, in a temporary folder; helpers to make a task's
/// request content.
/// </summary>
public class HandshakeModules : IDisposable
{
    private readonly WorldRoot _world = WorldRoot.Create();
    private readonly WorldRoot _otherWorld = WorldRoot.Create();

    public HandshakeModules()
    {
        Oem = HsmModule.Create(Folder.Combine("oem"), world: _world);
        Cm = HsmModule.Create(Folder.Combine("cm"), world: _world, factory: Factory);
        Stranger = HsmModule.Create(Folder.Combine("stranger"), world: _otherWorld);
    }

    protected TemporaryFolder Folder { get; } = new();

    /// <summary>The OEM's module: its user role signs requests.</summary>
    protected HsmModule Oem { get; }

    /// <summary>The contract manufacturer's module: its manufacturer role processes requests.</summary>
    protected HsmModule Cm { get; }

    /// <summary>A module of another world.</summary>
    protected HsmModule Stranger { get; }

    protected WorldRoot World => _world;

    /// <summary>The private device factory whose devices <see cref="Cm"/> serves.</summary>
    protected DeviceFactory Factory { get; } = DeviceFactory.Create();

    public static string NewTicketId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static RequestedTicket Ticket(string name, string action = "PROGRAM", long? maxDevices = 100, string protocol = "AUTH_CODE") =>
        new(NewTicketId(), name, "dev1", "MPF300", action, maxDevices, protocol);

    public static JobRequestContent Content(params RequestedTicket[] tickets) =>
        new("board_job", "cm_task", tickets.Length > 0 ? tickets : [Ticket("program_t"), Ticket("verify_t", "VERIFY", null, "NONE")]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _world.Dispose();
        _otherWorld.Dispose();
        Factory.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
