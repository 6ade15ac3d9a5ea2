using System.Text.Json;

namespace Spps.Hsm.Protocol;

/// <summary>The JSON style of the HSM protocol (camelCase; byte arrays as base64).</summary>
public static class HsmJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
