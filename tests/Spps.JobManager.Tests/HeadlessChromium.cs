using System.Diagnostics;

namespace Spps.JobManager.Tests;

/// <summary>
/// Debian's Chromium run headless on a local file: nothing fetched, no profile kept (a fresh user data folder each
/// run), no network services of the browser's own. Tests that need it skip, saying why, where it is not installed
/// (<c>.ci/run</c> installs it).
/// </summary>
internal static class HeadlessChromium
{
    public const string Program = "/usr/bin/chromium";

    private static readonly TimeSpan _timeLimit = TimeSpan.FromSeconds(90);

    public static void RequireInstalled() =>
        Skip.IfNot(File.Exists(Program), $"No browser to render the report: {Program} is missing (install Debian's 'chromium' package; .ci/run does).");

    /// <summary>The page as the browser rendered it (its DOM after parsing).</summary>
    public static string DumpDom(string page, string scratch) => Run(page, scratch, "--dump-dom");

    /// <summary>A PNG screenshot of the page at <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] Screenshot(string page, string scratch, int width, int height)
    {
        var png = Path.Combine(scratch, "screenshot.png");
        Run(page, scratch, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars");
        return File.ReadAllBytes(png);
    }

    private static string Run(string page, string scratch, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        try
        {
            var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = scratch };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", $"--user-data-dir={profile}", .. arguments, new Uri(page).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeLimit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{Program} did not finish rendering '{page}' in {_timeLimit.TotalSeconds} seconds.");
            }

            Assert.True(process.ExitCode == 0, $"{Program} failed on '{page}' (exit code {process.ExitCode}): {errors.Result}");
            return output.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
