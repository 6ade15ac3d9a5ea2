using System.Buffers.Binary;
using System.IO.Compression;

namespace Spps.JobManager.Tests;

/// <summary>
/// The pixels of a PNG screenshot, enough to look for colours in it: 8-bit RGB or RGBA, not interlaced (what Chromium
/// writes); the five scanline filters undone.
/// </summary>
internal sealed class PngPixels
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngPixels(int width, int height, int channels, byte[] pixels) => (Width, Height, _channels, _pixels) = (width, height, channels, pixels);

    public int Width { get; }

    public int Height { get; }

    public static PngPixels Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var data = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var chunk = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(chunk), BinaryPrimitives.ReadInt32BigEndian(chunk[4..]));
                Assert.True(chunk[8] == 8 && chunk[12] == 0 && chunk[9] is 2 or 6, "only 8-bit RGB or RGBA PNGs without interlace are read");
                channels = chunk[9] == 2 ? 3 : 4;
            }
            else if (type == "IDAT")
            {
                data.Write(chunk);
            }

            offset += 12 + length;
        }

        data.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngPixels(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    /// <summary>How many pixels have exactly this colour.</summary>
    public int Count(byte red, byte green, byte blue)
    {
        var count = 0;
        for (var i = 0; i < _pixels.Length; i += _channels)
        {
            count += _pixels[i] == red && _pixels[i + 1] == green && _pixels[i + 2] == blue ? 1 : 0;
        }

        return count;
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var row = 0; row < height; row++)
        {
            var filter = raw[row * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int value = raw[(row * (stride + 1)) + 1 + x];
                int left = x >= channels ? pixels[(row * stride) + x - channels] : 0;
                int up = row > 0 ? pixels[((row - 1) * stride) + x] : 0;
                int upLeft = row > 0 && x >= channels ? pixels[((row - 1) * stride) + x - channels] : 0;
                pixels[(row * stride) + x] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter} is not one of the five"),
                });
            }
        }

        return pixels;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
