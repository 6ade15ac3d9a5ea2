namespace Spps.Tcl.Commands;

/// <summary>Sees every framework command and every line it prints (the LOGFILE writer is one).</summary>
public interface ICommandObserver
{
    void CommandStarted(string commandLine);

    void CommandFinished(string commandLine, string result, TimeSpan duration);

    void CommandFailed(string commandLine, string message, IReadOnlyList<string> errorCode, TimeSpan duration);

    void LinePrinted(TclChannel channel, string line);
}
