using Spps.Devices;

namespace Spps.Testing;

/// <summary>
/// Records the steps a service reports, synchronously and in order (<see cref="Progress{T}"/> would post them
/// elsewhere), and lets a test act at a step: cancelling then is a Ctrl-C while that step runs.
/// </summary>
public sealed class RecordingProgress(Action<WorkStep>? atStep = null) : IProgress<WorkStep>
{
    public List<WorkStep> Steps { get; } = [];

    public void Report(WorkStep value)
    {
        Steps.Add(value);
        atStep?.Invoke(value);
    }
}
