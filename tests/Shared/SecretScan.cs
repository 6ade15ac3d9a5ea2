using System.Text;

namespace Spps.Testing;

/// <summary>Looks for a key value in bytes in every form it could leak as: raw, hex in either case, base64.</summary>
public static class SecretScan
{
    public static IEnumerable<byte[]> Forms(byte[] key) =>
    [
        key,
        Encoding.ASCII.GetBytes(Convert.ToHexString(key)),
        Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key)),
        Encoding.ASCII.GetBytes(Convert.ToBase64String(key)),
    ];

    public static void AssertAbsent(byte[] key, string path)
    {
        var content = File.ReadAllBytes(path);
        foreach (var form in Forms(key))
        {
            Assert.True(content.AsSpan().IndexOf(form) < 0, $"'{path}' contains a key value ({form.Length}-byte form).");
        }
    }

    /// <summary>The same check for text a program printed; <paramref name="where"/> names it in the failure.</summary>
    public static void AssertAbsentFromText(byte[] key, string text, string where)
    {
        var content = Encoding.UTF8.GetBytes(text);
        foreach (var form in Forms(key))
        {
            Assert.True(content.AsSpan().IndexOf(form) < 0, $"{where} contains a key value ({form.Length}-byte form).");
        }
    }
}
