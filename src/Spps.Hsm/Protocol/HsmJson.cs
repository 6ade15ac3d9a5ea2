using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spps.Hsm.Protocol;

/// <summary>
/// The JSON style of the HSM protocol (camelCase; byte arrays as base64). Strict on reading: a member the protocol
/// does not know, or a null where a value is required, makes the body malformed, so a request is taken as exactly
/// what its type says and nothing a client adds is silently dropped.
/// </summary>
public static class HsmJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
