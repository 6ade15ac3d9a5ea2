using System.Globalization;

namespace Spps.Hsm.Server;

/// <summary>
/// A line of the server's log (<c>spps-hsm serve</c>): the UTC time in ISO 8601 with milliseconds, then what happened
/// (a request's method, path, HTTP status, duration, client and outcome; the server starting and stopping). Never a
/// key or a request's body. Text a client sent (a path, a value quoted in a refusal) cannot start a line of its own.
/// </summary>
public static class ServerLogLine
{
    public static string At(DateTimeOffset time, string text) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + " " + string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
}
