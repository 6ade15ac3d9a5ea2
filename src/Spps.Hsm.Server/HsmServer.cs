using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spps.Hsm.Access;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Server;

/// <summary>
/// Serves a module's roles as JSON over HTTP (ASP.NET Core). Plain HTTP only on a loopback address; any other
/// address requires a TLS certificate. Every request must be signed by an enrolled client (see
/// <see cref="HsmEndpoint"/>); the store is the only state shared between concurrent requests.
/// </summary>
public sealed class HsmServer : IAsyncDisposable
{
    /// <summary>How many requests the server expects to handle at once: tens of clients (stations, Job Managers).</summary>
    private const int ConcurrentRequests = 64;

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

        // A request blocks its thread while the store commits (SQLite is synchronous). The thread pool starts with one
        // thread per core and adds one about every half second while requests queue, so a burst of clients would wait
        // seconds for threads; it starts with enough for the requests expected at once instead.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, ConcurrentRequests), completionPorts);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = HsmOperation.LargestBody;
            kestrel.Listen(endpoint, options =>
            {
                if (certificate is not null)
                {
                    options.UseHttps(certificate);
                }
            });
        });
        var application = builder.Build();
        var hsm = new HsmEndpoint(module, TimeProvider.System);
        var log = requestLog ?? TextWriter.Null;
        application.Run(context => Handle(context, hsm, log));
        try
        {
            await application.StartAsync().ConfigureAwait(false);
        }
        catch (IOException error)
        {
            await application.DisposeAsync().ConfigureAwait(false);
            throw new HsmException("LISTEN", $"--listen {listen}: the server cannot listen there: {(error.InnerException ?? error).Message}");
        }

        var bound = application.Urls.First();
        return new HsmServer(application, new Uri(bound));
    }

    public Task WaitForShutdownAsync() => _application.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _application.StopAsync().ConfigureAwait(false);
        await _application.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The address and port to listen on. An IPv4 address written as IPv6 (<c>[::ffff:127.0.0.1]</c>) is taken as the
    /// IPv4 address it names, so the loopback check and the socket agree on what is served.
    /// </summary>
    internal static IPEndPoint ParseEndpoint(string listen) =>
        IPEndPoint.TryParse(listen, out var endpoint) && endpoint.Port is >= 0 and <= 65535 && listen.Contains(':', StringComparison.Ordinal)
            ? endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint
            : throw new HsmException("BADVALUE", $"--listen '{listen}' is not an address and port (expecting e.g. 127.0.0.1:{HsmOperation.DefaultPort}).");

    private static async Task Handle(HttpContext context, HsmEndpoint endpoint, TextWriter log)
    {
        var request = context.Request;
        var clock = Stopwatch.StartNew();
        AuthenticRequest? authentic = null;
        HsmOperation? operation = null;
        try
        {
            // The head is authenticated before any byte of the body is read, so only an enrolled client, with its
            // secret, can make the server take a body, and only of the length it signed.
            var length = DeclaredLength(request);
            var claim = endpoint.CheckHead(request.Method, request.Path.Value ?? "/", length, new RequestHeaders(
                Header(request, RequestSignature.ClientHeader), Header(request, RequestSignature.TimestampHeader), Header(request, RequestSignature.NonceHeader),
                Header(request, RequestSignature.HeadSignatureHeader), Header(request, RequestSignature.SignatureHeader)));
            operation = HsmOperation.Find(request.Method, request.Path.Value ?? "/")
                        ?? throw new HsmException("NOTFOUND", $"The HSM server has no operation {request.Method} {request.Path}.");
            var (body, hash) = await RequestBody.ReadAsync(context, length, operation.MaximumBodyBytes).ConfigureAwait(false);
            authentic = endpoint.Verify(claim, hash);
            var reply = endpoint.Handle(operation, authentic, body);
            await log.WriteLineAsync(LogLine(request, StatusCodes.Status200OK, clock, $"by {authentic.Client}: ok")).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = reply.Length; // one write, not chunks the client has to reassemble
            context.Response.Headers[RequestSignature.ReplySignatureHeader] = HsmEndpoint.SignReply(claim, StatusCodes.Status200OK, reply);
            await context.Response.Body.WriteAsync(reply).ConfigureAwait(false);
        }
        catch (HsmException error)
        {
            await log.WriteLineAsync(LogLine(request, StatusFor(error.Code), clock, $"by {authentic?.Client ?? "an unauthenticated client"}: refused, {error.Code}: {error.Message}")).ConfigureAwait(false);
            await Refuse(context, error.Code, error.Message).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A fault of ours, not of the request: the client gets a clear error, the log and the audit say what failed.
            await log.WriteLineAsync(LogLine(request, StatusFor("INTERNAL"), clock, $"by {authentic?.Client ?? "an unauthenticated client"}: failed, {error.GetType().Name}: {error.Message}")).ConfigureAwait(false);
            if (operation is not null && authentic is not null)
            {
                endpoint.RecordFailure(operation, authentic, error);
            }

            await Refuse(context, "INTERNAL", "The HSM server failed while handling the request; its log says why.").ConfigureAwait(false);
        }
    }

    // A body is taken only with its length declared (and signed); a body of undeclared length is refused unread.
    private static long DeclaredLength(HttpRequest request) =>
        request.ContentLength ?? (request.Headers.TransferEncoding.Count > 0
            ? throw new HsmException("LENGTHREQUIRED", "A request body must declare its length (Content-Length); this one is sent in chunks.")
            : 0);

    // One line per request, as 2026-11-29T17:10:03.123Z POST /v1/user/keysets 200 3 ms by <client>: ok.
    private static string LogLine(HttpRequest request, int status, Stopwatch clock, string outcome) =>
        ServerLogLine.At(DateTimeOffset.UtcNow, $"{request.Method} {request.Path} {status} {clock.ElapsedMilliseconds} ms {outcome}");

    // The connection is closed after a refusal, so the server does not go on reading a body it refused.
    private static Task Refuse(HttpContext context, string code, string message)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.Headers.Connection = "close";
        }

        return Results.Json(new ErrorReply(code, message), HsmJson.Options, statusCode: StatusFor(code)).ExecuteAsync(context);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static int StatusFor(string code) => code switch
    {
        "UNAUTHENTICATED" or "REPLAYED" => StatusCodes.Status401Unauthorized,
        "MALFORMED" or "BADREQUEST" => StatusCodes.Status400BadRequest,
        "NOTFOUND" => StatusCodes.Status404NotFound,
        "FORBIDDEN" => StatusCodes.Status403Forbidden,
        "TOOLARGE" => StatusCodes.Status413PayloadTooLarge,
        "LENGTHREQUIRED" => StatusCodes.Status411LengthRequired,
        "STORE" or "INTERNAL" => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
