namespace Spps.Devices;

/// <summary>
/// A long operation taken one whole step at a time: before each step it stops if the user cancelled (so a step, such as
/// an HSM sealing or a device's programming, is never cut in the middle) and reports the step to the progress sink.
/// </summary>
public sealed class WorkSteps(string operation, CancellationToken cancellation, IProgress<WorkStep>? progress)
{
    private readonly IProgress<WorkStep> _progress = progress ?? WorkStep.Unseen;
    private int _done;

    /// <summary>For the writing of a file: its chunks stop once cancelled.</summary>
    public CancellationToken Cancellation => cancellation;

    /// <summary>How many steps the operation has, once known.</summary>
    public int Total { get; set; }

    /// <summary>Starts the next step, <paramref name="item"/>, unless the operation was cancelled.</summary>
    /// <exception cref="OperationCanceledException">The user cancelled: nothing of this step has begun.</exception>
    public void Next(string item)
    {
        cancellation.ThrowIfCancellationRequested();
        _progress.Report(new WorkStep(operation, item, _done++, Math.Max(Total, _done)));
    }
}
