using System.Diagnostics;
using System.Text;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// Runs one of our programs on a pseudo-terminal, as a user at a console does, through util-linux's <c>script</c>
/// (part of every Debian install): what the test sends arrives as typed keys, what the program draws comes back with its
/// escape sequences. Every wait has a timeout, and the program is killed when the test ends.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _screen = new();
    private readonly Task _reading;
    private int _seen;

    public PseudoTerminal(string workingDirectory, string homeFolder, string program = "jobmanager", string homeVariable = "JOBMANAGER_HOME")
    {
        var inner = DotnetProgram.StartInfo(program + ".dll", []);
        var command = string.Join(' ', new[] { inner.FileName }.Concat(inner.ArgumentList).Select(Quoted));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        // -e: script ends with the program's exit code; a wide terminal, so no line of a test scrolls sideways.
        foreach (var arg in new[] { "-q", "-f", "-e", "-c", $"stty cols 200 rows 50; exec {command}", "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[homeVariable] = homeFolder;
        start.Environment["TERM"] = "xterm";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start script for a pseudo-terminal.");
        _reading = Task.Run(Read);
    }

    /// <summary>Everything the program drew so far.</summary>
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

    /// <summary>Sends keys as a terminal does: <c>\r</c> for Enter, <c>\u0003</c> for Ctrl-C, <c>\u001b[A</c> for the up arrow.</summary>
    public void Send(string keys)
    {
        _process.StandardInput.Write(keys);
        _process.StandardInput.Flush();
    }

    /// <summary>Whether script(1) is here to give a program a terminal.</summary>
    public static bool IsAvailable => !OperatingSystem.IsWindows() && File.Exists("/usr/bin/script");

    /// <summary>Waits until the program draws <paramref name="text"/> after what earlier waits matched, and moves past it.</summary>
    public void Expect(string text)
    {
        var at = -1;
        WaitUntil(() => (at = Screen.IndexOf(text, _seen, StringComparison.Ordinal)) >= 0, $"'{text}' on the terminal");
        _seen = at + text.Length;
    }

    /// <summary>Waits until <paramref name="condition"/> holds while the program runs (a file it writes appears).</summary>
    public void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > _patience || _process.HasExited && _reading.IsCompleted)
            {
                throw new TimeoutException($"Waited in vain for {what}; the terminal shows:\n{Screen[_seen..]}");
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>Waits for the next prompt drawn afresh, after a command ran: the program is reading keys again.</summary>
    public void ExpectPrompt(string prompt = "jobmanager> ") => Expect("\n\r" + prompt);

    public int WaitForExit()
    {
        if (!_process.WaitForExit(_patience))
        {
            throw new TimeoutException($"The program did not end; the terminal shows:\n{Screen}");
        }

        _reading.Wait(_patience);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(_patience);
        }

        _process.Dispose();
    }

    private static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void Read()
    {
        var buffer = new char[4096];
        int count;
        while ((count = _process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
        {
            lock (_screen)
            {
                _screen.Append(buffer, 0, count);
            }
        }
    }
}
