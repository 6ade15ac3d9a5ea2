namespace Spps.Workspace.Projects;

/// <summary>Who holds a project lock: written into the lock file so that a refused user can be told who has it open.</summary>
public sealed record LockHolder(int ProcessId, string Host, string User, DateTimeOffset ProcessStarted, string Program)
{
    public static LockHolder ThisProcess() =>
        new(Environment.ProcessId, Environment.MachineName, Environment.UserName, Storage.LocalProcess.CurrentStarted,
            ProgramIdentity.Creator);

    /// <summary>Whether the holder ran on this host, where its process can be looked up.</summary>
    public bool IsOnThisHost => string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    public override string ToString() =>
        $"{User}@{Host} (process {ProcessId}, {Program}, running since {ProcessStarted.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)";
}
