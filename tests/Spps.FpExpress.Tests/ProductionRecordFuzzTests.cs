using System.Text;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.FpExpress.Projects;

namespace Spps.FpExpress.Tests;

public sealed class ProductionRecordFuzzTests
{
    private static readonly DateTimeOffset _time = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

    // Records as runs write them: one in progress (a device passed with its CoC, one failed), one completed.
    private static byte[][] Records()
    {
        var running = new ProductionRecord
        {
            Results =
            [
                new DeviceResult(1, "FPGA", new string('A', 32), "PROGRAM", Passed: true, 0, "PROGRAM passed", _time),
                new DeviceResult(2, "FPGA", new string('B', 32), "VERIFY", Passed: false, 12, "Verify failed: FABRIC", _time),
            ],
            Cocs = [new CollectedCoc("FPGA", new string('A', 32), [1, 2, 3, 4])],
        };
        return [running.ToBytes(), (running with { Completed = new JobCompletion(_time, Terminated: true, "/out/Line1_end.status") }).ToBytes()];
    }

    [Fact]
    public void Mutated_production_records_give_only_the_corrupt_record_error()
    {
        var target = new FuzzTarget("production record", Records(), (bytes, source) =>
        {
            var record = ProductionRecord.Parse(bytes, source);

            // What the commands read of a record: every result (appended to by each run) and every CoC (get_job_status hands them to the M-HSM).
            _ = record.Results.Select(result => (result.Device, result.Dsn, result.Action)).Concat(record.Cocs.Select(coc => (coc.Device, coc.Dsn, "COC"))).ToList();
            _ = record.Cocs.Sum(coc => coc.Coc.Length);
        }, error => error is DomainException { ErrorCode: [_, "CORRUPT" or "SCHEMA", ..] })
        {
            Source = "fuzzed.production.json",
            StructuredMutations = [JsonMutations.Mutation],
        };
        Fuzzer.Run(target, seed: 1415, count: 3000);
    }

    // The fuzz test's findings (a JSON null in a list, read as a null entry that crashed get_job_status), and what else
    // no run records: a change to a valid record, and the reason it is refused for.
    public static TheoryData<string, Action<JsonNode>, string> RecordsNoRunWrites => new()
    {
        { "a null result", record => record["results"]!.AsArray().Add(null), "a result or a CoC is null" },
        { "a null CoC", record => record["cocs"]!.AsArray().Add(null), "a result or a CoC is null" },
        {
            "a lower-case DSN", record => record["results"]![0]!["dsn"] = new string('a', 32),
            "the result of device 'FPGA' (board 1, DSN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', action 'PROGRAM') is not one a run records"
        },
        {
            "an unknown action", record => record["results"]![0]!["action"] = "FLASH",
            "the result of device 'FPGA' (board 1, DSN 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', action 'FLASH') is not one a run records"
        },
        {
            "an empty CoC", record => record["cocs"]![0]!["coc"] = string.Empty,
            "the CoC of device 'FPGA' (DSN 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 0 bytes) is not one a device gave"
        },
    };

    [Theory]
    [MemberData(nameof(RecordsNoRunWrites))]
    public void A_record_no_run_writes_is_refused_as_corrupt_naming_the_file(string what, Action<JsonNode> change, string reason)
    {
        var root = JsonNode.Parse(Records()[0])!;
        change(root["record"]!);

        var error = Assert.Throws<DomainException>(() => ProductionRecord.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), "/p/Line1.production.json"));
        Assert.True(error.Message == $"The production record '/p/Line1.production.json' is not a valid production record: {reason}.", $"{what}: {error.Message}");
        Assert.Equal(["SPPS", "CORRUPT", "/p/Line1.production.json"], error.ErrorCode);
    }
}
