namespace Spps.JobManager.Projects;

/// <summary>Who holds a project lock: written into the lock file so that a refused user can be told who has it open.</summary>
public sealed record LockHolder(int ProcessId, string Host, string User, DateTimeOffset ProcessStarted, string Program)
{
    public static LockHolder ThisProcess()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new LockHolder(Environment.ProcessId, Environment.MachineName, Environment.UserName,
            process.StartTime.ToUniversalTime(), $"jobmanager {Application.SoftwareInfo.CurrentVersion}");
    }

    public override string ToString() =>
        $"{User}@{Host} (process {ProcessId}, {Program}, running since {ProcessStarted.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)";
}
