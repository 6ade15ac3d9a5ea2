using System.Diagnostics;
using System.Text;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// One of our programs run on a pseudo-terminal, as a user at a console runs it: util-linux's <c>script</c> gives it a
/// terminal whose line discipline turns the keys written here into what a keyboard sends (a Ctrl-C byte becomes SIGINT
/// to the program), and copies what the terminal shows into <see cref="Screen"/>.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(120);
    private readonly Process _script;
    private readonly StringBuilder _screen = new();
    private readonly Task _copy;

    public PseudoTerminal(string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var program = DotnetProgram.StartInfo(dll, []);
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        // -e: its exit code is the program's; exec: the program itself is the terminal's foreground process.
        foreach (var argument in new[] { "-q", "-f", "-e", "-c", $"exec {Quoted(program.FileName)} {string.Join(' ', program.ArgumentList.Select(Quoted))}", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _script = Process.Start(start) ?? throw new InvalidOperationException("Could not start script(1).");
        _copy = Task.Run(Copy);
    }

    /// <summary>Whether script(1) is here to give a program a terminal.</summary>
    public static bool IsAvailable => !OperatingSystem.IsWindows() && File.Exists("/usr/bin/script");

    /// <summary>Everything the terminal showed so far.</summary>
    public string Screen
    {
        get
        {
            lock (_screen)
            {
                return _screen.ToString();
            }
        }
    }

    public int ExitCode => _script.ExitCode;

    /// <summary>Types <paramref name="keys"/> (control characters included) at the terminal.</summary>
    public void Type(string keys)
    {
        _script.StandardInput.Write(keys);
        _script.StandardInput.Flush();
    }

    /// <summary>Waits until the terminal shows <paramref name="text"/>.</summary>
    public void WaitFor(string text) =>
        ProcessWait.Until(() => Screen.Contains(text, StringComparison.Ordinal), $"the terminal to show '{text}'", [_script]);

    /// <summary>Waits until <paramref name="condition"/> holds, while the program runs.</summary>
    public void WaitUntil(Func<bool> condition, string what) => ProcessWait.Until(condition, what, [_script]);

    public bool WaitForExit() => _script.WaitForExit(_patience);

    public void Dispose()
    {
        if (!_script.HasExited)
        {
            _script.Kill(entireProcessTree: true);
        }

        _copy.Wait(_patience);
        _script.Dispose();
    }

    private async Task Copy()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _script.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_screen)
            {
                _screen.Append(buffer, 0, read);
            }
        }
    }

    private static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
