namespace Spps.Tcl.Hosting;

/// <summary>What the program was asked to do.</summary>
internal enum RunMode
{
    Script,
    Command,
    StandardInput,
    Interactive,
    Version,
    Help,
}
