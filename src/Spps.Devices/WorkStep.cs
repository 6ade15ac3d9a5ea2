namespace Spps.Devices;

/// <summary>
/// One step of a long operation, as a service reports it to an <see cref="IProgress{T}"/> sink: what the operation is
/// (<c>Exporting job 'J'</c>), which item it starts now, and how many of how many items came before it. Services know
/// nothing of how (or whether) it is shown: the shells draw it on a terminal, tests record it.
/// </summary>
public sealed record WorkStep(string Operation, string Item, int Done, int Total)
{
    /// <summary>A sink that shows nothing: for callers without a display, such as scripts run without a terminal.</summary>
    public static IProgress<WorkStep> Unseen { get; } = new UnseenProgress();

    private sealed class UnseenProgress : IProgress<WorkStep>
    {
        public void Report(WorkStep value)
        {
            // Nobody watches: scripts and pipes get no progress.
        }
    }
}
