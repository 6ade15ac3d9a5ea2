using Spps.Tcl.Commands;

namespace Spps.Tcl.Tests;

public sealed class SecretRedactionTests : IDisposable
{
    private const string Key = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    private readonly TclInterpreter _tcl = TclInterpreter.Create();
    private readonly CommandRegistry _registry = new();
    private readonly List<string> _seen = [];

    public SecretRedactionTests()
    {
        _registry.Add([new CommandSpec("store_key", "Keys", "Takes a key.",
            [OptionSpec.Text("name", "n", "A name."), OptionSpec.Text("key", "k", "A key.") with { Secret = true }],
            (_, options) => throw new TclCommandException("refused", ["SPPS", "NO"]))]);
        _registry.AddObserver(new Recorder(_seen));
        _registry.InstallInto(_tcl);
    }

    public void Dispose() => _tcl.Dispose();

    [Fact]
    public void Observers_never_see_a_secret_value()
    {
        Assert.Throws<TclErrorException>(() => _tcl.Eval($"store_key -name a -key {Key}"));
        Assert.All(_seen, line => Assert.DoesNotContain(Key, line, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("store_key -name a -key <secret>", _seen);
    }

    [Fact]
    public void Traces_are_redacted_whole_in_any_case_and_where_tcl_cut_the_value_off()
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval($"store_key -name {Key[..4]} -key {Key}x"));
        var text = $"{error.ErrorInfo} {Key.ToLowerInvariant()}x and {Key[..20]}... and {Key[..4]}";
        var redacted = _registry.Redact(text);
        Assert.DoesNotContain(Key[..8], redacted, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<secret> and <secret>... and 0011", redacted);
    }

    [Fact]
    public void Without_secrets_text_is_unchanged() => Assert.Equal("plain text", _registry.Redact("plain text"));

    private sealed class Recorder(List<string> seen) : ICommandObserver
    {
        public void CommandStarted(string commandLine) => seen.Add(commandLine);

        public void CommandFinished(string commandLine, string result, TimeSpan duration) => seen.Add(commandLine + " " + result);

        public void CommandFailed(string commandLine, string message, IReadOnlyList<string> errorCode, TimeSpan duration) => seen.Add(commandLine + " " + message);

        public void LinePrinted(TclChannel channel, string line) => seen.Add(line);
    }
}
