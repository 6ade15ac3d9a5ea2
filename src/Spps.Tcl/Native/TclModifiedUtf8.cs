using System.Text;

namespace Spps.Tcl.Native;

/// <summary>
/// Tcl 8.6 keeps strings in a "modified UTF-8": NUL is the two bytes C0 80 (so a string never holds a zero byte)
/// and characters beyond U+FFFF are stored as two 3-byte surrogates. .NET's UTF-8 codec knows neither, so every
/// string crossing the native boundary goes through this codec.
/// </summary>
public static class TclModifiedUtf8
{
    /// <summary>Encodes a .NET string in Tcl's internal form (no terminating NUL).</summary>
    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = 0;
        foreach (var c in text)
        {
            length += EncodedLength(c);
        }

        var bytes = new byte[length];
        var at = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                bytes[at++] = 0xC0;
                bytes[at++] = 0x80;
            }
            else if (c < 0x80)
            {
                bytes[at++] = (byte)c;
            }
            else if (c < 0x800)
            {
                bytes[at++] = (byte)(0xC0 | (c >> 6));
                bytes[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                // Surrogates are encoded one by one, as Tcl 8.6 stores them.
                bytes[at++] = (byte)(0xE0 | (c >> 12));
                bytes[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        return bytes;
    }

    /// <summary>Encodes with a terminating NUL, for C APIs that take a plain <c>const char*</c>.</summary>
    public static byte[] EncodeNullTerminated(string text)
    {
        var encoded = Encode(text);
        Array.Resize(ref encoded, encoded.Length + 1);
        return encoded;
    }

    /// <summary>
    /// Decodes Tcl's internal form. Standard 4-byte sequences are accepted too; a byte that starts no valid
    /// sequence stands for the character of the same value, which is how Tcl itself reads such bytes.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                text.Append((char)b);
                i++;
            }
            else if (b is >= 0xC0 and < 0xE0 && HasContinuations(bytes, i, 1))
            {
                text.Append((char)(((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)));
                i += 2;
            }
            else if (b is >= 0xE0 and < 0xF0 && HasContinuations(bytes, i, 2))
            {
                text.Append((char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
                i += 3;
            }
            else if (b is >= 0xF0 and < 0xF5 && HasContinuations(bytes, i, 3))
            {
                var codePoint = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
                text.Append(codePoint <= 0x10FFFF ? char.ConvertFromUtf32(codePoint) : "\uFFFD");
                i += 4;
            }
            else
            {
                text.Append((char)b);
                i++;
            }
        }

        return text.ToString();
    }

    private static int EncodedLength(char c) => c == '\0' ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;

    private static bool HasContinuations(ReadOnlySpan<byte> bytes, int start, int count)
    {
        if (start + count >= bytes.Length)
        {
            return false;
        }

        for (var k = 1; k <= count; k++)
        {
            if ((bytes[start + k] & 0xC0) != 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
