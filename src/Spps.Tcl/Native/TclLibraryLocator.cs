using System.Runtime.InteropServices;

namespace Spps.Tcl.Native;

/// <summary>
/// Finds and loads the Tcl 8.6 runtime library. One place decides where to look, so the message a user sees
/// when Tcl is missing always names what was tried and how to fix it.
/// </summary>
public static class TclLibraryLocator
{
    /// <summary>Names a specific library file to load instead of searching the system's default places.</summary>
    public const string EnvironmentVariable = "JOBMANAGER_TCL_LIBRARY";

    /// <summary>Library names tried, in order, on this operating system.</summary>
    public static IReadOnlyList<string> DefaultCandidates
    {
        get
        {
            if (OperatingSystem.IsWindows())
            {
                return ["tcl86t.dll", "tcl86.dll"];
            }

            if (OperatingSystem.IsMacOS())
            {
                return
                [
                    "libtcl8.6.dylib",
                    "/opt/homebrew/opt/tcl-tk@8/lib/libtcl8.6.dylib",
                    "/usr/local/opt/tcl-tk@8/lib/libtcl8.6.dylib",
                    "/opt/homebrew/opt/tcl-tk/lib/libtcl8.6.dylib",
                    "/usr/local/opt/tcl-tk/lib/libtcl8.6.dylib",
                ];
            }

            return ["libtcl8.6.so", "libtcl8.6.so.0"];
        }
    }

    /// <summary>Loads the library, or throws <see cref="TclUnavailableException"/> with a one-line explanation.</summary>
    public static nint Load()
    {
        var explicitPath = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            if (NativeLibrary.TryLoad(explicitPath, out var handle))
            {
                return handle;
            }

            throw new TclUnavailableException(
                $"The Tcl 8.6 runtime library '{explicitPath}' named by {EnvironmentVariable} could not be loaded. " +
                $"Point {EnvironmentVariable} at an existing Tcl 8.6 library ({string.Join(" or ", DefaultCandidates)}) or unset it.");
        }

        foreach (var candidate in DefaultCandidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        throw new TclUnavailableException(
            $"The Tcl 8.6 runtime library was not found (looked for {string.Join(", ", DefaultCandidates)}). " +
            $"Install it ({InstallHint}) or set {EnvironmentVariable} to the library's full path.");
    }

    private static string InstallHint =>
        OperatingSystem.IsWindows() ? "Tcl 8.6 for Windows, with tcl86t.dll on PATH"
        : OperatingSystem.IsMacOS() ? "brew install tcl-tk@8"
        : "Debian/Ubuntu: apt-get install libtcl8.6; Fedora: dnf install tcl";
}
