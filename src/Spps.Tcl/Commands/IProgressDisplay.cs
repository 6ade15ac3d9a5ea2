using Spps.Devices;

namespace Spps.Tcl.Commands;

/// <summary>
/// Shows the <see cref="WorkStep"/>s a command's services report while it runs (a terminal's progress bar); the
/// framework finishes it when the command ends, and clears it before the command prints a line.
/// </summary>
public interface IProgressDisplay : IProgress<WorkStep>
{
    /// <summary>Takes the bar off the screen, so a printed line does not mix with it; the next step draws it again.</summary>
    void Clear();

    /// <summary>The command ended: the bar goes, and a long operation says how long it took unless the command has <c>-quiet</c>.</summary>
    void Finish(bool sayHowLong);
}
