using System.Globalization;

namespace Spps.JobManager.HsmTasks;

/// <summary>How the statuses' reports write a time: UTC to the second, the same in the printed history and the HTML report.</summary>
internal static class StatusTime
{
    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
