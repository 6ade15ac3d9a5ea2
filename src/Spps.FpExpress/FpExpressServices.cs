using Spps.FpExpress.Hsm;
using Spps.Workspace.Settings;

namespace Spps.FpExpress;

/// <summary>
/// The production side's services wired together once on a home folder: what the shell's command tables call, and
/// what tests use without Tcl.
/// </summary>
public sealed class FpExpressServices
{
    public FpExpressServices(string homeFolder)
    {
        Settings = new SettingsStore(homeFolder, FpExpressShell.ProgramName);
        Connector = new HsmConnector(Settings, homeFolder);
        HsmParameters = new HsmParametersService(Settings, Connector);
        ManufacturerHsm = new ManufacturerHsmService(Connector);
    }

    public SettingsStore Settings { get; }

    public HsmConnector Connector { get; }

    public HsmParametersService HsmParameters { get; }

    public ManufacturerHsmService ManufacturerHsm { get; }
}
