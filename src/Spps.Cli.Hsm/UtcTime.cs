using System.Globalization;

namespace Spps.Cli.Hsm;

/// <summary>How <c>spps-hsm</c> shows a time: UTC, ISO 8601, to the second.</summary>
internal static class UtcTime
{
    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
