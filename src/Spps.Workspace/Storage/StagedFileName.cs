using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Spps.Formats.Files;

namespace Spps.Workspace.Storage;

/// <summary>
/// Names of staged files: <c>.&lt;target&gt;.&lt;host&gt;-&lt;pid&gt;-&lt;start&gt;-&lt;n&gt;.tmp</c>, beside the target. The name
/// says which process writes the file — a tag of the host (6 hex digits of the SHA-256 of its name), the process id,
/// and the process's start time (Unix seconds, hex), since ids are reused — so a later write into the folder can tell
/// a file a killed process left from one a running process is still writing. The target's name is shortened when
/// needed so that the staged name stays within the 255-byte limit whenever the target's own name does.
/// </summary>
internal static partial class StagedFileName
{
    private static readonly string _host = HostTag(Environment.MachineName);

    private static long _count;

    /// <summary>A new staged path beside <paramref name="target"/>, unique among all processes.</summary>
    public static string For(string target) => For(target, Environment.ProcessId, LocalProcess.CurrentStarted);

    /// <summary>A new staged path beside <paramref name="target"/> as the process <paramref name="processId"/> of this host, started at <paramref name="started"/>, names it.</summary>
    public static string For(string target, int processId, DateTimeOffset started)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture,
            $".{_host}-{processId}-{started.ToUnixTimeSeconds():x}-{Interlocked.Increment(ref _count):x}.tmp");
        var room = OutputPath.MaximumNameBytes - 1 - Encoding.UTF8.GetByteCount(suffix); // 1 for the leading dot
        return Path.Combine(Path.GetDirectoryName(target)!, "." + Shortened(Path.GetFileName(target), room) + suffix);
    }

    /// <summary>Whether <paramref name="fileName"/> names a staged file of a process of this host that no longer runs.</summary>
    public static bool IsLeftByEndedProcess(string fileName)
    {
        var match = Staged().Match(fileName);
        return match.Success && match.Groups["host"].Value == _host
            && int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            && LocalProcess.HasEnded(processId, DateTimeOffset.FromUnixTimeSeconds(long.Parse(match.Groups["start"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)));
    }

    private static string HostTag(string machineName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(machineName.ToUpperInvariant())))[..6];

    private static string Shortened(string name, int maximumBytes)
    {
        while (Encoding.UTF8.GetByteCount(name) > maximumBytes)
        {
            name = name[..^(char.IsLowSurrogate(name[^1]) ? 2 : 1)]; // never split a character in two
        }

        return name;
    }

    // At most 8 hex digits of start time: any such value is a valid date.
    [GeneratedRegex(@"^\..*\.(?<host>[0-9a-f]{6})-(?<pid>[0-9]{1,10})-(?<start>[0-9a-f]{1,8})-[0-9a-f]{1,16}\.tmp$", RegexOptions.Singleline)]
    private static partial Regex Staged();
}
