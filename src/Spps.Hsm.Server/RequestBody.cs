using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Spps.Hsm.Server;

/// <summary>
/// Reads a request body no larger than its route allows, hashing it as it streams in (the signature covers its
/// SHA-256). A declared length over the limit is refused before anything is read; a body that turns out longer
/// than the limit is refused as soon as it passes it.
/// </summary>
internal static class RequestBody
{
    public static async Task<(ReadOnlyMemory<byte> Body, byte[] Sha256)> ReadAsync(HttpContext context, long maximumBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maximumBytes)
        {
            throw TooLarge(request.ContentLength.Value, maximumBytes);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maximumBytes;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var body = new ArrayBufferWriter<byte>((int)Math.Max(1, request.ContentLength ?? Math.Min(maximumBytes, 64 * 1024)));
        try
        {
            while (true)
            {
                var chunk = body.GetMemory(16 * 1024);
                var read = await request.Body.ReadAsync(chunk).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (body.WrittenCount + read > maximumBytes)
                {
                    throw TooLarge(body.WrittenCount + read, maximumBytes);
                }

                hash.AppendData(chunk.Span[..read]);
                body.Advance(read);
            }
        }
        catch (BadHttpRequestException error)
        {
            throw error.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(body.WrittenCount, maximumBytes)
                : new HsmException("MALFORMED", $"The request body cannot be read: {error.Message}");
        }

        return (body.WrittenMemory, hash.GetHashAndReset());
    }

    private static HsmException TooLarge(long bytes, long maximumBytes) => new("TOOLARGE",
        maximumBytes == 0
            ? "This request takes no body."
            : $"The request body has at least {bytes} bytes; this operation accepts at most {maximumBytes}.");
}
