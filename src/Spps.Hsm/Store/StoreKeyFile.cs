using System.Security.Cryptography;
using Spps.Formats.Files;

namespace Spps.Hsm.Store;

/// <summary>
/// The key that encrypts every secret in the store, kept in <c>store.key</c> beside the database and readable by
/// its owner only. In a hardware module this key never leaves the device; here the operating system's file
/// permissions guard it (see docs/security.md).
/// </summary>
internal static class StoreKeyFile
{
    public const string FileName = "store.key";

    public static byte[] Create(string folder)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var stream = OwnerOnlyFile.CreateNew(Path.Combine(folder, FileName));
        stream.Write(key);
        stream.Flush(flushToDisk: true);
        return key;
    }

    public static byte[] Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var key = File.Exists(path) ? File.ReadAllBytes(path) : throw new HsmException("STORE", $"The HSM store '{folder}' has no {FileName}.");
        return key.Length == 32 ? key : throw new HsmException("STORE", $"The HSM store key '{path}' is damaged (it must hold 32 bytes).");
    }
}
