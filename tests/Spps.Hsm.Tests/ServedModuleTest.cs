using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

/// <summary>
/// A test with a fresh module in a temporary folder, one enrolled client and the module served on a free loopback
/// port, its request log kept for the test to read.
/// </summary>
public abstract class ServedModuleTest(string clientName = "tests") : IAsyncLifetime, IDisposable
{
    protected TemporaryFolder Folder { get; } = new();

    protected StringWriter Log { get; } = new();

    protected HsmModule Module { get; private set; } = null!;

    protected HsmServer Server { get; private set; } = null!;

    protected HsmCredential Credential { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Module = HsmModule.Create(Folder.Combine("store"));
        Credential = Module.Enroll(clientName);
        Server = await HsmServer.StartAsync(Module, "127.0.0.1:0", requestLog: TextWriter.Synchronized(Log));
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public void Dispose()
    {
        Log.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The smallest request: a random keyset, nothing imported.</summary>
    protected static CreateKeysetRequest EmptyKeysetRequest() => new(new Dictionary<string, byte[]>(), null);

    /// <summary>What every authentic request adds to the store: its audit rows and its nonce. Equal counts: nothing was written.</summary>
    protected (long Audit, long Nonces) AuditAndNonceCounts() => (Module.Store.Count("audit"), Module.Store.Count("request_nonces"));

    /// <summary>A keyset's keys in plaintext, as only HSM code may see them: to check what the module put where.</summary>
    protected Dictionary<string, byte[]> Plain(WrappedKeyset keyset)
    {
        using var opened = OpenedKeyset.Open(keyset, Module.Store.ReadSecret(HsmModule.MasterKey), keyset.MasterKeyUuid);
        return opened.Names.ToDictionary(name => name, name => opened.Key(name).ToArray());
    }
}
