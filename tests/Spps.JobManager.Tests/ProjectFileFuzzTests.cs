using Spps.Devices;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;

namespace Spps.JobManager.Tests;

public sealed class ProjectFileFuzzTests : JobTest
{
    // A project using every section and most of their fields (HSM tasks too), saved as the Job Manager writes it.
    private byte[] FullProject()
    {
        Data("PD", "M2S025");
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = new string('1', 64) });
        File.WriteAllText(Folder.Combine("imem.hex"), ":0400000001020304F2\n:00000001FF\n");
        Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "imem.hex", overwrite: false, Folder.Path);
        Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK2"] = new string('2', 64) }, _ => { });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "KR", Type = "KEY_ROTATION" });
        Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        Target("J", "FPGA", 1);
        Jobs.AddTarget("J", "EXT", 2, null, null, null, Stapl("M2S010"), Folder.Path);
        Jobs.AddMicrochipBypass("J", "SOC", 3, "MPFS095T", null, Folder.Path);
        Other("J", "CPLD", 4, null, null, BsdlFile());
        CreateKeyset();
        Data("HD", "M2S010", "ks");
        Service.InitBitstream("HD", new BitstreamRequest { Name = "HM", Type = "MASTER", Protocol = "AUTH_CODE" });
        Target("J", "HSM", 5, "HD", "HM");
        Services.HsmTasks.AddTask("J", "CM1", HsmTask.External);
        Services.HsmTasks.NewTicket("J", "CM1", "P", "HSM", "PROGRAM", "10", _ => { });
        var request = ProjectFiles.Import(Workspace.Project!, () => new MemoryStream([1, 2, 3]), ".zip", "jobs/J/tasks/CM1", "request");
        Services.HsmTasks.RecordRequest("J", "CM1", "R1", new string('a', 64), request, _ => { });
        Services.HsmTasks.AddTask("J", "CM2", HsmTask.Internal);
        Workspace.Project!.Save();
        return File.ReadAllBytes(Workspace.Project.FilePath);
    }

    private static void Read(byte[] bytes, string source)
    {
        var document = ProjectDocument.Parse(bytes, source);
        document.Read<ProgrammingDataSection>();
        document.Read<JobsSection>();
    }

    [Fact]
    public void Mutated_project_files_give_only_the_project_file_error()
    {
        var target = new FuzzTarget(".jprj", [FullProject()], Read, error => error is DomainException { ErrorCode: [_, "CORRUPT" or "SCHEMA", ..] })
        {
            Source = "fuzzed.jprj",
            StructuredMutations = [JsonMutations.Mutation],
        };
        Fuzzer.Run(target, seed: 1111, count: 3000);
    }
}
