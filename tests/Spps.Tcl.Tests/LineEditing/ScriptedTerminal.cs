using System.Text;
using Spps.Tcl.Hosting.LineEditing;

namespace Spps.Tcl.Tests.LineEditing;

/// <summary>A terminal whose keys a test gives in advance and whose screen output it reads back.</summary>
internal sealed class ScriptedTerminal(int width = 80) : ITerminal
{
    private readonly Queue<ConsoleKeyInfo> _keys = new();
    private readonly StringBuilder _output = new();

    public int Width => width;

    public string Output => _output.ToString();

    public static ConsoleKeyInfo Control(char letter) =>
        new((char)(char.ToUpperInvariant(letter) - 'A' + 1), ConsoleKey.A + (char.ToUpperInvariant(letter) - 'A'), shift: false, alt: false, control: true);

    public static ConsoleKeyInfo Key(ConsoleKey key) => new('\0', key, shift: false, alt: false, control: false);

    public ScriptedTerminal Type(string text)
    {
        foreach (var c in text)
        {
            _keys.Enqueue(c switch
            {
                '\r' => new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false),
                '\t' => new ConsoleKeyInfo('\t', ConsoleKey.Tab, false, false, false),
                _ => new ConsoleKeyInfo(c, char.IsAsciiLetter(c) ? ConsoleKey.A + (char.ToUpperInvariant(c) - 'A') : 0, false, false, false),
            });
        }

        return this;
    }

    public ScriptedTerminal Press(params ConsoleKeyInfo[] keys)
    {
        foreach (var key in keys)
        {
            _keys.Enqueue(key);
        }

        return this;
    }

    public ConsoleKeyInfo ReadKey() => _keys.Count > 0 ? _keys.Dequeue() : throw new InvalidOperationException("The test gave no more keys.");

    public void Write(string text) => _output.Append(text);
}
