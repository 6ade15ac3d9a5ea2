namespace Spps.Workspace;

/// <summary>
/// A program's per-user folder for its settings (and its embedded HSM's store): the folder its environment variable
/// names when set (<c>$JOBMANAGER_HOME</c>), else the platform's per-user configuration folder (e.g.
/// <c>~/.config/jobmanager</c>).
/// </summary>
public sealed record ProgramHome(string EnvironmentVariable, string FolderName)
{
    public string Folder
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

            return Path.Combine(perUser, FolderName);
        }
    }
}
