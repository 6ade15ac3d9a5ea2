namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>The keyboard and screen the line editor works on: the console, or a scripted one in tests.</summary>
internal interface ITerminal
{
    /// <summary>Columns of the screen.</summary>
    int Width { get; }

    /// <summary>Waits for the next key, without echoing it.</summary>
    ConsoleKeyInfo ReadKey();

    void Write(string text);
}
