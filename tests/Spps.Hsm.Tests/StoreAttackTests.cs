namespace Spps.Hsm.Tests;

/// <summary>
/// An adversarial review of the module's store as the embedded API and <c>spps-hsm init</c> make it: security.md says
/// "the folder itself is created 0700", and the store's only protection against other accounts of the host is that.
/// </summary>
public sealed class StoreAttackTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Attack (local account): <c>init</c> accepts "a new or empty folder", but only a new one is made owner-only. An
    /// existing empty folder keeps its mode, so a store made in a shared folder (mode 0777, as an operator may prepare
    /// one) lets every account of the host delete and replace <c>hsm.db</c> and <c>store.key</c> — for example with a
    /// store of the same UUIDs whose master key it knows, so every keyset made afterwards is its to open — and read
    /// <c>hsm.db</c>, the audit log and the enrolled clients' names.
    /// </summary>
    [Fact]
    public void A_store_made_in_an_existing_open_folder_is_owner_only_or_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = _folder.Combine("shared");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0x1FF); // rwxrwxrwx
        try
        {
            HsmModule.Create(folder);
        }
        catch (HsmException error) when (error.Code == "STORE")
        {
            return; // refused: fine
        }

        var mode = File.GetUnixFileMode(folder);
        Assert.True((mode & (UnixFileMode)0x3F) == 0, $"The store folder has mode {Convert.ToString((int)mode, 8)}: other accounts can replace its files.");
    }
}
