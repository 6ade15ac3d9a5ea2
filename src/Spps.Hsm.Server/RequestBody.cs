using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Spps.Hsm.Server;

/// <summary>
/// Reads a request body of its declared (and signed) length, no larger than its operation allows, hashing it as it
/// streams in (the signature covers its SHA-256). A declared length over the limit is refused before anything is
/// read; the buffer is made only for a head that passed authentication.
/// </summary>
internal static class RequestBody
{
    public static async Task<(ReadOnlyMemory<byte> Body, byte[] Sha256)> ReadAsync(HttpContext context, long declaredLength, long maximumBytes)
    {
        if (declaredLength > maximumBytes)
        {
            throw new HsmException("TOOLARGE", maximumBytes == 0
                ? "This request takes no body."
                : $"The request body has {declaredLength} bytes; this operation accepts at most {maximumBytes}.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = declaredLength;
        }

        var body = new byte[declaredLength];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            for (var offset = 0; offset < body.Length;)
            {
                var read = await context.Request.Body.ReadAsync(body.AsMemory(offset)).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EndOfStreamException($"it ended after {offset} bytes");
                }

                hash.AppendData(body, offset, read);
                offset += read;
            }
        }
        catch (Exception error) when (error is BadHttpRequestException or EndOfStreamException)
        {
            throw new HsmException("MALFORMED", $"The request body cannot be read whole ({declaredLength} bytes declared): {error.Message}");
        }

        return (body, hash.GetHashAndReset());
    }
}
