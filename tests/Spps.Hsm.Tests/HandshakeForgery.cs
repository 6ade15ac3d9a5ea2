using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Spps.Formats.Containers;

namespace Spps.Hsm.Tests;

/// <summary>What someone holding a request or reply file can do to it: change a part and rebuild the container, keeping the old signature or signing it anew.</summary>
internal static class HandshakeForgery
{
    /// <summary>The container with its JSON part changed and its manifest rebuilt to match; signed by <paramref name="signer"/>, or carrying the old signature.</summary>
    public static byte[] ChangeJson(byte[] container, string part, Action<JsonObject> change, ECDsa? signer = null) =>
        ChangeParts(container, parts =>
        {
            var json = JsonNode.Parse(parts[part])!.AsObject();
            change(json);
            parts[part] = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        }, signer);

    public static byte[] ChangeParts(byte[] container, Action<Dictionary<string, byte[]>> change, ECDsa? signer = null)
    {
        var read = ContainerFile.ReadSigned(new MemoryStream(container), "forged", Type(container), 1);
        var parts = new Dictionary<string, byte[]>(read.Content.Parts, StringComparer.Ordinal);
        change(parts);
        return ContainerFile.ToSignedBytes(read.Content with { Parts = parts },
            manifest => signer?.SignData(manifest, HashAlgorithmName.SHA384) ?? read.Signature);
    }

    private static string Type(byte[] container)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(container));
        using var manifest = zip.GetEntry(ContainerFile.ManifestName)!.Open();
        return JsonNode.Parse(manifest)!["type"]!.GetValue<string>();
    }
}
