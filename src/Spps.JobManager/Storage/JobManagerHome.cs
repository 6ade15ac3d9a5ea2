namespace Spps.JobManager.Storage;

/// <summary>
/// The per-user folder for application settings (and, later, the embedded HSM's store): <c>$JOBMANAGER_HOME</c>
/// when set, else the platform's per-user configuration folder (e.g. <c>~/.config/jobmanager</c>).
/// </summary>
public static class JobManagerHome
{
    public const string EnvironmentVariable = "JOBMANAGER_HOME";

    public static string Folder
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return Path.GetFullPath(configured);
            }

            var perUser = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(perUser))
            {
                perUser = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            }

            return Path.Combine(perUser, "jobmanager");
        }
    }
}
