using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Server;

/// <summary>
/// Serves a module's roles as JSON over HTTP (ASP.NET Core). Plain HTTP only on a loopback address; any other
/// address requires a TLS certificate. Every request must be signed by an enrolled client (see
/// <see cref="RequestAuthenticator"/>); the store is the only state shared between concurrent requests.
/// </summary>
public sealed class HsmServer : IAsyncDisposable
{
    public const int DefaultPort = 7400;
    // A bitstream request carries the design in base64: the largest die's fabric and memories fit well within 64 MiB.
    private const long MaximumBodyBytes = 64 << 20;

    private readonly WebApplication _application;

    private HsmServer(WebApplication application, Uri address)
    {
        _application = application;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts listening; port 0 picks a free port (see <see cref="Address"/>).</summary>
    public static async Task<HsmServer> StartAsync(HsmModule module, string listen, string? certificatePath = null, string? certificatePassword = null, TextWriter? requestLog = null)
    {
        var endpoint = ParseEndpoint(listen);
        if (!IPAddress.IsLoopback(endpoint.Address) && certificatePath is null)
        {
            throw new HsmException("TLS", $"--listen {listen} is not a loopback address: the HSM server serves other hosts only over TLS. Give --certificate FILE.pfx.");
        }

        var certificate = certificatePath is null ? null : X509CertificateLoader.LoadPkcs12FromFile(certificatePath, certificatePassword);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaximumBodyBytes;
            kestrel.Listen(endpoint, options =>
            {
                if (certificate is not null)
                {
                    options.UseHttps(certificate);
                }
            });
        });
        var application = builder.Build();
        var authenticator = new RequestAuthenticator(module.Store, TimeProvider.System);
        var log = requestLog ?? TextWriter.Null;
        application.Run(context => Handle(context, module, authenticator, log));
        await application.StartAsync().ConfigureAwait(false);
        var bound = application.Urls.First();
        return new HsmServer(application, new Uri(bound));
    }

    public Task WaitForShutdownAsync() => _application.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _application.StopAsync().ConfigureAwait(false);
        await _application.DisposeAsync().ConfigureAwait(false);
    }

    internal static IPEndPoint ParseEndpoint(string listen) =>
        IPEndPoint.TryParse(listen, out var endpoint) && endpoint.Port is >= 0 and <= 65535 && listen.Contains(':', StringComparison.Ordinal)
            ? endpoint
            : throw new HsmException("BADVALUE", $"--listen '{listen}' is not an address and port (expecting e.g. 127.0.0.1:{DefaultPort}).");

    private static async Task Handle(HttpContext context, HsmModule module, RequestAuthenticator authenticator, TextWriter log)
    {
        var request = context.Request;
        try
        {
            var body = await ReadBody(request).ConfigureAwait(false);
            var client = authenticator.Authenticate(request.Method, request.Path.Value ?? "/", Header(request, RequestSignature.ClientHeader),
                Header(request, RequestSignature.TimestampHeader), Header(request, RequestSignature.NonceHeader), Header(request, RequestSignature.SignatureHeader), body);
            var role = module.UserRole(client);
            object reply = (request.Method, request.Path.Value) switch
            {
                ("GET", "/v1/info") => role.GetInfo(),
                ("POST", "/v1/user/keysets") => role.CreateKeyset(Parse<CreateKeysetRequest>(body)),
                ("POST", "/v1/user/keysets/verify") => role.VerifyKeyset(Parse<Spps.Formats.Keysets.WrappedKeyset>(body)),
                ("POST", "/v1/user/bitstreams") => role.SealBitstream(Parse<SealBitstreamRequest>(body)),
                _ => throw new HsmException("NOTFOUND", $"The HSM server has no operation {request.Method} {request.Path}."),
            };
            await log.WriteLineAsync($"{request.Method} {request.Path} by {client}: ok").ConfigureAwait(false);
            await Results.Json(reply, HsmJson.Options).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (HsmException error)
        {
            await log.WriteLineAsync($"{request.Method} {request.Path}: refused, {error.Code}: {error.Message}").ConfigureAwait(false);
            await Results.Json(new ErrorReply(error.Code, error.Message), HsmJson.Options, statusCode: StatusFor(error.Code)).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> ReadBody(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        }
        catch (BadHttpRequestException error)
        {
            throw new HsmException("MALFORMED", $"The request body cannot be read: {error.Message}");
        }

        return buffer.ToArray();
    }

    private static T Parse<T>(byte[] body)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<T>(body, HsmJson.Options) ?? throw new HsmException("MALFORMED", "The request body is empty.");
        }
        catch (System.Text.Json.JsonException error)
        {
            throw new HsmException("MALFORMED", $"The request body is not a valid {typeof(T).Name}: {error.Message}");
        }
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static int StatusFor(string code) => code switch
    {
        "UNAUTHENTICATED" or "REPLAYED" => StatusCodes.Status401Unauthorized,
        "MALFORMED" or "BADREQUEST" => StatusCodes.Status400BadRequest,
        "NOTFOUND" => StatusCodes.Status404NotFound,
        "STORE" => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
