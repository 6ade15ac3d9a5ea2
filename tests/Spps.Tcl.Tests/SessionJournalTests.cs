using Spps.Tcl.Commands;
using Spps.Tcl.Hosting;
using Spps.Testing;

namespace Spps.Tcl.Tests;

public sealed class SessionJournalTests : IDisposable
{
    private const int Sessions = 4;
    private readonly TemporaryFolder _home = new();

    public void Dispose() => _home.Dispose();

    private ProgramDefinition Program => new()
    {
        Name = "prog",
        ProductName = "Prog",
        Version = "1.0",
        Summary = "A program.",
        HomeVariable = "PROG_HOME",
        HomeFolder = _home.Path,
        InstallShell = (_, _) => throw new InvalidOperationException("no shell in this test"),
    };

    /// <summary>
    /// Sessions of one home that start at the same moment (stations sharing a home) each move the journal they find
    /// aside and start their own: none finds the journal gone under it, and none truncates one another is writing.
    /// </summary>
    [Fact]
    public void Sessions_starting_together_in_one_home_each_start_a_journal_of_their_own()
    {
        var location = new JournalLocation(_home.Combine("prog.jou"), _home.Combine("prog.backup.jou"));
        File.WriteAllText(location.FullPath, "# an earlier session\n");
        var warnings = new System.Collections.Concurrent.ConcurrentBag<string>();
        for (var round = 0; round < 25; round++)
        {
            using var together = new Barrier(Sessions);
            var journals = new SessionJournal?[Sessions];
            var threads = Enumerable.Range(0, Sessions).Select(index => new Thread(() =>
            {
                together.SignalAndWait();
                journals[index] = SessionJournal.Start(location, Program, $"session {round}.{index}", null, asEntered: false, new CommandRegistry(), warnings.Add);
            })).ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => thread.Join());
            foreach (var journal in journals)
            {
                journal?.Dispose();
            }

            Assert.True(warnings.IsEmpty, string.Join("\n", warnings));
            Assert.Single(File.ReadAllLines(location.FullPath), line => line.StartsWith("# Session: ", StringComparison.Ordinal));
        }
    }
}
