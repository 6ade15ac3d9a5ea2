using Spps.JobManager.HsmTasks;

namespace Spps.JobManager.Jobs;

/// <summary>
/// A programming job: its type (IHP, FPExpress or SDebug), the hardware setup (a JTAG chain), the devices of that
/// chain in the order they were added, and its HSM tasks (a job with one is an HSM job).
/// </summary>
public sealed class ProgrammingJob
{
    public const string Ihp = "IHP";
    public const string FlashProExpress = "FPExpress";
    public const string SmartDebug = "SDebug";
    public const string JtagChain = "JTAG_CHAIN";

    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = FlashProExpress;

    public string Setup { get; set; } = JtagChain;

    public List<ChainDevice> Devices { get; set; } = [];

    public List<HsmTask> HsmTasks { get; set; } = [];

    public ChainDevice? Find(string deviceName) => Devices.Find(device => device.Name == deviceName);

    public HsmTask? FindTask(string taskName) => HsmTasks.Find(task => task.Name == taskName);

    public IEnumerable<string> TaskNames() => HsmTasks.Select(task => task.Name);
}
