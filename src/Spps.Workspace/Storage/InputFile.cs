using Spps.Devices;

namespace Spps.Workspace.Storage;

/// <summary>A small input file read whole, with the error a user gets when it cannot be read or is larger than its kind can be.</summary>
public static class InputFile
{
    /// <summary>The bytes of <paramref name="path"/>; <paramref name="what"/> names the file in errors ("the job request").</summary>
    public static byte[] ReadAllBytes(string path, string what, long maximumBytes)
    {
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > maximumBytes)
            {
                throw new DomainException($"The {what} '{path}' is {stream.Length} bytes; it can be at most {maximumBytes} bytes.", "TOOLARGE", path);
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DomainException($"The {what} '{path}' cannot be read: {error.Message}", "UNREADABLE", path);
        }
    }
}
