using Spps.Devices;
using Spps.FpExpress.Projects;

namespace Spps.FpExpress.Tests;

public sealed class JobProjectFileFuzzTests
{
    // A project file as create_job_project writes it, with actions selected for two targets.
    private static byte[] ProjectFile() => new JobProjectFile
    {
        Job = new JobReference("Line1", "Line1.job", new string('a', 64), "/jobs/Line1.job"),
        Actions = new Dictionary<string, string> { ["FPGA"] = "PROGRAM", ["SOC"] = "VERIFY" },
    }.ToBytes();

    [Fact]
    public void Mutated_job_project_files_give_only_the_job_project_error()
    {
        var target = new FuzzTarget(".pro", [ProjectFile()], (bytes, source) => JobProjectFile.Parse(bytes, source),
            error => error is DomainException { ErrorCode: [_, "CORRUPT" or "SCHEMA", ..] })
        {
            Source = "fuzzed.pro",
            StructuredMutations = [JsonMutations.Mutation],
        };
        Fuzzer.Run(target, seed: 1414, count: 3000);
    }
}
