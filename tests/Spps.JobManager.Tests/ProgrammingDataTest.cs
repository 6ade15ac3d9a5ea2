using System.Text.Json;
using Spps.Devices;
using Spps.JobManager.Application;
using Spps.JobManager.Jobs;
using Spps.JobManager.Keysets;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;

namespace Spps.JobManager.Tests;

/// <summary>
/// What the Programming Data and job tests share: a temporary folder with its own Job Manager home, an open project "P", the
/// services under test with the clock they write times from, and the check that a refused command leaves the project
/// exactly as it was.
/// </summary>
public abstract class ProgrammingDataTest : IDisposable
{
    public const string UHsmUuid = "0e9f1c3a-1111-2222-3333-444455556666";
    public const string MasterUuid = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    protected ProgrammingDataTest()
    {
        Services = new JobManagerServices(Workspace, Folder.Combine("home"), Clock);
        Workspace.NewProject("work", "P", Folder.Path, _ => { });
    }

    protected TemporaryFolder Folder { get; } = new();

    /// <summary>The clock of the times the services write, in a zone of its own (see <see cref="ManualClock.OddZone"/>).</summary>
    protected ManualClock Clock { get; } = new(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero), ManualClock.OddZone);

    protected ProjectContext Workspace { get; } = new();

    protected JobManagerServices Services { get; }

    protected SettingsStore Settings => Services.Settings;

    protected ProgrammingDataService Service => Services.ProgrammingData;

    protected BitstreamService Bitstreams => Services.Bitstreams;

    /// <summary>Sets the embedded HSM up and makes a keyset (default "ks", random keys) in the repository "keys", for the HSM flow.</summary>
    protected void CreateKeyset(string name = "ks", IReadOnlyDictionary<string, string>? keyValues = null)
    {
        Services.Application.SetHsmParameters("local", UHsmUuid, MasterUuid, "keys", null, Folder.Path);
        Services.Keysets.Create(name, null, keyValues ?? new Dictionary<string, string>(), _ => { });
    }

    /// <summary>Runs a command that must be refused with this message and error code, and checks the project did not change.</summary>
    protected void AssertRefused(Action action, string message, params string[] code)
    {
        var before = ProjectContent();
        var error = Assert.Throws<DomainException>(action);
        Assert.Equal(message, error.Message);
        Assert.Equal(["SPPS", .. code], error.ErrorCode);
        Assert.Equal(before, ProjectContent());
    }

    protected string ProjectContent() =>
        JsonSerializer.Serialize(Workspace.Project!.Read<ProgrammingDataSection>()) + JsonSerializer.Serialize(Workspace.Project!.Read<JobsSection>());

    public void Dispose()
    {
        Workspace.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
