using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.Formats.Files;

namespace Spps.Hsm;

/// <summary>
/// An enrolled client's credential: its id and the secret it signs requests with, and the module it belongs to.
/// Written by <c>spps-hsm enroll</c>; read by clients from <c>SPPS_HSM_CREDENTIAL</c> or <c>$JOBMANAGER_HOME/hsm-credential</c>.
/// </summary>
public sealed record HsmCredential(string ClientId, byte[] Secret, string UHsmUuid)
{
    public const string EnvironmentVariable = "SPPS_HSM_CREDENTIAL";
    private const string Format = "spps-hsm-credential";

    public void Save(string path)
    {
        using var stream = CreateFile(path);
        WriteTo(stream);
    }

    /// <summary>Creates an empty credential file, readable by its owner only; fails if the file exists.</summary>
    public static FileStream CreateFile(string path) => OwnerOnlyFile.CreateNew(path);

    /// <summary>Writes the credential into a file made by <see cref="CreateFile"/> and flushes it to disk.</summary>
    public void WriteTo(FileStream stream)
    {
        var text = new JsonObject
        {
            ["format"] = Format,
            ["clientId"] = ClientId,
            ["secret"] = Convert.ToBase64String(Secret),
            ["uHsmUuid"] = UHsmUuid,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    public static HsmCredential Load(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new JsonException("not a JSON object");
            if ((string?)root["format"] != Format)
            {
                throw new JsonException($"'format' is not '{Format}'");
            }

            var secret = Convert.FromBase64String((string?)root["secret"] ?? throw new JsonException("no 'secret'"));
            return new HsmCredential((string?)root["clientId"] ?? throw new JsonException("no 'clientId'"), secret,
                (string?)root["uHsmUuid"] ?? throw new JsonException("no 'uHsmUuid'"));
        }
        catch (Exception error) when (error is JsonException or FormatException or InvalidOperationException)
        {
            throw new HsmException("CREDENTIAL", $"The HSM credential file '{path}' cannot be read: {error.Message}.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new HsmException("CREDENTIAL", $"The HSM credential file '{path}' cannot be read: {error.Message}");
        }
    }
}
