using System.Text;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.FpExpress.Projects;

namespace Spps.FpExpress.Tests;

public sealed class ProductionRecordFuzzTests
{
    // Records as runs write them, in the first format (the fixture's, in progress: two devices programmed with their
    // CoCs, one DEVICE_INFO) and completed.
    private static byte[][] WholeFileRecords()
    {
        var running = File.ReadAllBytes(FirstFormatProject.File("Line1.production.json"));
        var completed = JsonNode.Parse(running)!;
        completed["record"]!["completed"] = new JsonObject { ["time"] = "2026-05-06T07:08:09+00:00", ["terminated"] = true, ["statusFile"] = "/out/Line1_end.status" };
        return [running, Encoding.UTF8.GetBytes(completed.ToJsonString())];
    }

    // The same records as they are appended today, one line per entry.
    private static byte[][] AppendedRecords() =>
        [.. WholeFileRecords().Select(bytes => ProductionLog.ToBytes(ProductionRecord.ParseWholeFile(bytes, "seed")))];

    // What the commands read of a record: every result and every CoC (get_job_status hands them to the M-HSM).
    private static void Use(ProductionRecord record)
    {
        _ = record.Results.Select(result => (result.Device, result.Dsn, result.Action)).Concat(record.Cocs.Select(coc => (coc.Device, coc.Dsn, "COC"))).ToList();
        _ = record.Cocs.Sum(coc => coc.Coc.Length);
    }

    private static bool IsRecordError(Exception error) => error is DomainException { ErrorCode: [_, "CORRUPT" or "SCHEMA", ..] };

    [Fact]
    public void Mutated_production_records_of_the_first_format_give_only_the_corrupt_record_error()
    {
        var target = new FuzzTarget("production record", WholeFileRecords(), (bytes, source) => Use(ProductionRecord.ParseWholeFile(bytes, source)), IsRecordError)
        {
            Source = "fuzzed.production.json",
            StructuredMutations = [JsonMutations.Mutation],
        };
        Fuzzer.Run(target, seed: 1415, count: 3000);
    }

    [Fact]
    public void Mutated_appended_production_records_give_the_record_without_a_cut_off_entry_or_the_corrupt_record_error()
    {
        var target = new FuzzTarget("appended production record", AppendedRecords(), (bytes, source) =>
        {
            var (record, tornBytes) = ProductionLog.Parse(bytes, source);
            Use(record);
            Assert.InRange(tornBytes, 0, bytes.Length - 1);
        }, IsRecordError)
        {
            Source = "fuzzed.production.jsonl",
            StructuredMutations = [new Mutation("JSON value of one line", MutateOneLine)],
        };
        Fuzzer.Run(target, seed: 1416, count: 3000);
    }

    // A line's entry changed as a JSON document is: one entry of the record altered, the others left whole.
    private static byte[] MutateOneLine(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var lines = Encoding.UTF8.GetString(input).Split('\n');
        var index = random.Next(lines.Length - 1);
        lines[index] = Encoding.UTF8.GetString(JsonMutations.Mutate(random, Encoding.UTF8.GetBytes(lines[index])));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
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
            "the result of device 'FPGA' (board 1, DSN '010102030405060708090A0B0C0D0E0F', action 'FLASH') is not one a run records"
        },
        {
            "an empty CoC", record => record["cocs"]![0]!["coc"] = string.Empty,
            "the CoC of device 'FPGA' (DSN '010102030405060708090A0B0C0D0E0F', 0 bytes) is not one a device gave"
        },
    };

    [Theory]
    [MemberData(nameof(RecordsNoRunWrites))]
    public void A_record_no_run_writes_is_refused_as_corrupt_naming_the_file(string what, Action<JsonNode> change, string reason)
    {
        var root = JsonNode.Parse(WholeFileRecords()[0])!;
        change(root["record"]!);

        var error = Assert.Throws<DomainException>(() => ProductionRecord.ParseWholeFile(Encoding.UTF8.GetBytes(root.ToJsonString()), "/p/Line1.production.json"));
        Assert.True(error.Message == $"The production record '/p/Line1.production.json' is not a valid production record: {reason}.", $"{what}: {error.Message}");
        Assert.Equal(["SPPS", "CORRUPT", "/p/Line1.production.json"], error.ErrorCode);
    }

    // What no run appends: a change to the lines of a valid record, and the reason it is refused for.
    public static TheoryData<string, Func<List<string>, List<string>>, string> LinesNoRunWrites => new()
    {
        { "no header", lines => lines[1..], "'format' is not \"spps-fpexpress-production\"" },
        { "the first format's schema in a header", lines => [lines[0].Replace("\"schemaVersion\":2", "\"schemaVersion\":1", StringComparison.Ordinal), .. lines[1..]], "its header gives schema version 1, which is not written line by line" },
        { "an empty line", lines => [lines[0], "\n", .. lines[1..]], "line 2: The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true. LineNumber: 0 | BytePositionInLine: 0" },
        { "a result and a CoC on one line", lines => [lines[0], lines[1][..^2] + "," + lines[4][1..], .. lines[2..4], .. lines[5..]], "line 2: it is not an object of one entry" },
        { "an unknown entry", lines => [.. lines, "{\"note\":1}\n"], "line 8: it holds 'note', which is not a result, a CoC or the job's end" },
        { "a null result", lines => [.. lines, "{\"result\":null}\n"], "line 8: its result is null" },
        { "a second end", lines => [.. lines, lines[^1]], "line 8: it completes the job a second time" },
        { "a lower-case DSN", lines => [lines[0], lines[1].Replace("010102030405060708090A0B0C0D0E0F", new string('a', 32), StringComparison.Ordinal), .. lines[2..]],
            "the result of device 'FPGA' (board 1, DSN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', action 'PROGRAM') is not one a run records" },
    };

    [Theory]
    [MemberData(nameof(LinesNoRunWrites))]
    public void An_appended_record_no_run_writes_is_refused_as_corrupt_naming_the_file(string what, Func<List<string>, List<string>> change, string reason)
    {
        var lines = Encoding.UTF8.GetString(AppendedRecords()[1]).Split('\n')[..^1].Select(line => line + "\n").ToList();

        var error = Assert.Throws<DomainException>(() => ProductionLog.Parse(Encoding.UTF8.GetBytes(string.Concat(change(lines))), "/p/Line1.production.jsonl"));
        Assert.True(error.Message == $"The production record '/p/Line1.production.jsonl' is not a valid production record: {reason}.", $"{what}: {error.Message}");
        Assert.Equal(["SPPS", "CORRUPT", "/p/Line1.production.jsonl"], error.ErrorCode);
    }

    [Fact]
    public void A_last_line_without_its_line_feed_is_an_entry_cut_off_by_a_crash_and_not_read()
    {
        var whole = AppendedRecords()[0];
        var cutOff = Encoding.UTF8.GetBytes("{\"result\":{\"board\":4,\"dev");
        var torn = whole.Concat(cutOff).ToArray();

        var (record, tornBytes) = ProductionLog.Parse(torn, "/p/Line1.production.jsonl");

        Assert.Equal(ProductionLog.Parse(whole, "/p/Line1.production.jsonl").Record.Results, record.Results);
        Assert.Equal(cutOff.Length, tornBytes);
    }
}
