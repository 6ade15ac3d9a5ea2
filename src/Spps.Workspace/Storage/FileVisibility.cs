namespace Spps.Workspace.Storage;

/// <summary>Who may read a file the Job Manager creates.</summary>
public enum FileVisibility
{
    /// <summary>As the user's defaults (umask) say: exported files, settings, keysets.</summary>
    Default,

    /// <summary>
    /// The owner only (mode 0600 on Linux and macOS): project files, which may hold non-HSM keys in clear, and their
    /// locks. Windows gives new files the folder's permissions, which the Job Manager leaves as they are.
    /// </summary>
    OwnerOnly,
}
