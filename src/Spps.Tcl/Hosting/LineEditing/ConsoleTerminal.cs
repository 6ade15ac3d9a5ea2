namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>
/// The process's console as the line editor's terminal. Ctrl-C is a key only while a line is read
/// (<see cref="ReadingLine"/>): while a command runs it stays the interrupt signal it always is.
/// </summary>
internal sealed class ConsoleTerminal : ITerminal
{
    /// <summary>What is used when the terminal does not say how wide it is.</summary>
    private const int DefaultWidth = 80;

    public int Width => CurrentWidth();

    /// <summary>The console's width in columns, for the line editor and the progress bar alike.</summary>
    public static int CurrentWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : DefaultWidth;
        }
        catch (IOException)
        {
            return DefaultWidth; // no size known (standard output redirected on some systems): the usual width
        }
    }

    /// <summary>Both standard input and output are a terminal that understands cursor movement (not <c>TERM=dumb</c>).</summary>
    public static bool IsAvailable =>
        !Console.IsInputRedirected && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public ConsoleKeyInfo ReadKey() => Console.ReadKey(intercept: true);

    public void Write(string text) => Console.Out.Write(text);

    /// <summary>Takes Ctrl-C as a key until disposed, when it is the interrupt signal again.</summary>
    public static IDisposable ReadingLine() => new ControlCAsInput();

    private sealed class ControlCAsInput : IDisposable
    {
        private readonly bool _before = Console.TreatControlCAsInput;

        public ControlCAsInput() => Console.TreatControlCAsInput = true;

        public void Dispose() => Console.TreatControlCAsInput = _before;
    }
}
