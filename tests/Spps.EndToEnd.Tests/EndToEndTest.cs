namespace Spps.EndToEnd.Tests;

/// <summary>Gives each test a working folder, a home folder for settings per program, and the programs to run in them.</summary>
public abstract class EndToEndTest : IDisposable
{
    protected EndToEndTest()
    {
        Directory.CreateDirectory(Folder.Combine("work"));
        JobManager = new JobManagerProcess(Folder.Combine("work"), Folder.Combine("home"));
        FpExpress = new JobManagerProcess(Folder.Combine("work"), Folder.Combine("fpexpress-home"), "fpexpress", "FPEXPRESS_HOME");
    }

    protected TemporaryFolder Folder { get; } = new();

    protected JobManagerProcess JobManager { get; }

    /// <summary>The production side's program, its home apart from the Job Manager's.</summary>
    protected JobManagerProcess FpExpress { get; }

    protected string Work(params string[] parts) => Path.Combine([Folder.Combine("work"), .. parts]);

    protected string WriteScript(string name, string content)
    {
        var path = Work(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
