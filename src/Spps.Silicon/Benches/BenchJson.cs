using System.Text.Json;
using Spps.Formats;

namespace Spps.Silicon.Benches;

/// <summary>
/// The JSON of the bench files: written indented, read strictly (no duplicate member, valid UTF-8, every required
/// member present and no null where the record has none), so a damaged file is refused whole.
/// </summary>
internal static class BenchJson
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static byte[] ToBytes<T>(T value) => [.. JsonSerializer.SerializeToUtf8Bytes(value, _options), (byte)'\n'];

    /// <summary>The record in <paramref name="bytes"/>, or a <see cref="BenchException"/> naming <paramref name="source"/>.</summary>
    public static T Read<T>(ReadOnlySpan<byte> bytes, string source, string expecting)
        where T : class
    {
        try
        {
            return StrictJson.Parse(bytes).Deserialize<T>(_options) ?? throw new JsonException("it is empty");
        }
        catch (Exception error) when (error is JsonException or FormatException or InvalidOperationException)
        {
            throw new BenchException($"{source} is not {expecting}: {error.Message.TrimEnd('.')}.");
        }
    }
}
