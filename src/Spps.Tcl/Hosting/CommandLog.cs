using System.Globalization;
using System.Text;
using Spps.Formats.CommandLines;
using Spps.Formats.Files;
using Spps.Tcl;
using Spps.Tcl.Commands;

namespace Spps.Tcl.Hosting;

/// <summary>
/// The <c>LOGFILE:</c> transcript: every Job Manager command with its result or error and duration, every line the
/// commands print, and how the run ended, each line time-stamped (UTC). Written through as it happens, so a
/// crash still leaves the log up to that point. Standard output never gets timestamps.
/// </summary>
internal sealed class CommandLog : ICommandObserver, IDisposable
{
    private readonly StreamWriter _writer;

    private CommandLog(StreamWriter writer) => _writer = writer;

    public static CommandLog Open(string path)
    {
        var fullPath = Path.GetFullPath(path);
        StreamWriter? writer = null;
        var problem = OutputPath.TryWrite(fullPath, OutputKind.File, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            writer = new StreamWriter(fullPath, append: false, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        });
        return problem is null ? new CommandLog(writer!) : throw new UsageException($"cannot write the log file '{path}': {problem}.");
    }

    public void Started(string description) => Write($"start {description}");

    public void CommandStarted(string commandLine) => Write("> " + commandLine);

    public void CommandFinished(string commandLine, string result, TimeSpan duration) =>
        Write($"< ok ({Milliseconds(duration)})" + (result.Length > 0 ? ": " + result : string.Empty));

    public void CommandFailed(string commandLine, string message, IReadOnlyList<string> errorCode, TimeSpan duration) =>
        Write($"< error ({Milliseconds(duration)}): {message} [errorCode: {string.Join(' ', errorCode)}]");

    public void LinePrinted(TclChannel channel, string line) => Write((channel == TclChannel.Stderr ? "! " : "| ") + line);

    public void UncaughtError(string message, string errorInfo) => Write($"uncaught error: {message}\n{errorInfo}");

    public void Interrupted(string signal) => Write($"interrupted by {signal}: the run ends");

    public void Finished(int exitCode, TimeSpan duration) => Write($"finish exit code {exitCode} ({Milliseconds(duration)})");

    public void Dispose() => _writer.Dispose();

    private static string Milliseconds(TimeSpan duration) =>
        duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private void Write(string text)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        foreach (var line in text.Split('\n'))
        {
            _writer.WriteLine($"{stamp} {line}");
        }
    }
}
