using System.Security.Cryptography;
using Spps.Hsm;
using Spps.Hsm.Protocol;
using Spps.Tcl;
using Spps.Tcl.Hosting;

namespace Spps.FpExpress.Tests;

/// <summary>
/// A production-side home in a fresh folder, its services, and an OE's U-HSM of the same (development) world that makes
/// job requests as the Job Manager does. Tcl rows run the real command tables in an interpreter of their own.
/// </summary>
public abstract class FpExpressTest : IDisposable
{
    protected const string MHsmUuid = "5a1e0000-1111-4222-8333-444455556666";

    private HsmModule? _userModule;

    protected FpExpressTest()
    {
        Services = new FpExpressServices(Home);
        Oe = new OeSite(Folder);
    }

    protected TemporaryFolder Folder { get; } = new();

    protected string Home => Folder.Combine("home");

    protected string StoreFolder => Path.Combine(Home, "hsm");

    protected FpExpressServices Services { get; }

    /// <summary>The OE's Job Manager, which exports the jobs production runs.</summary>
    protected OeSite Oe { get; }

    protected List<string> Infos { get; } = [];

    protected List<string> Warnings { get; } = [];

    public void Dispose()
    {
        Services.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>set_hsm_params -hsm_server_name local -m_hsm_uuid <see cref="MHsmUuid"/>: the embedded M-HSM, created here.</summary>
    protected void UseLocalModule() => Services.HsmParameters.Set("local", null, MHsmUuid, Infos.Add, Warnings.Add);

    protected static RequestedTicket Ticket(string name, string action = "PROGRAM", long? max = 1000, string protocol = "AUTH_CODE") =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), name, "FPGA", "MPF300", action, max, protocol);

    /// <summary>A job request for task CM1 of job J, signed by the OE's U-HSM, written to <paramref name="name"/>.</summary>
    protected string WriteRequest(string name, params RequestedTicket[] tickets)
    {
        _userModule ??= HsmModule.Create(Folder.Combine("oe-hsm"));
        using var user = _userModule.UserRole("tests");
        var path = Folder.Combine(name);
        File.WriteAllBytes(path, user.SignJobRequest(new JobRequestContent("J", "CM1", tickets)).Container);
        return path;
    }

    /// <summary>The tickets the embedded M-HSM holds, read straight from its store.</summary>
    protected IReadOnlyList<TicketRecord> HeldTickets()
    {
        using var role = HsmModule.Open(StoreFolder).ManufacturerRole("tests");
        return role.ListTickets();
    }

    /// <summary>The HSM job of the secure flow for this home's M-HSM, its request processed here as process_job_request does.</summary>
    protected string HsmJobForThisModule(long maxDevices = 3, string job = "Line1") =>
        Oe.HsmJob(MHsmUuid, (request, reply) => Services.ManufacturerHsm.ProcessJobRequest(request, reply, false, Folder.Path, Infos.Add), maxDevices, job);

    protected byte[]? SettingsBytes() => File.Exists(Services.Settings.FilePath) ? File.ReadAllBytes(Services.Settings.FilePath) : null;

    /// <summary>Runs a script through fpexpress's command tables on this home; the error of a failing command is thrown.</summary>
    protected string Tcl(string script)
    {
        using var tcl = TclInterpreter.Create();
        using var shell = FpExpressShell.Install(tcl, new ShellEnvironment(Home, TimeProvider.System));
        return tcl.Eval(script);
    }

    protected TclErrorException TclFails(string script) => Assert.Throws<TclErrorException>(() => Tcl(script));
}
