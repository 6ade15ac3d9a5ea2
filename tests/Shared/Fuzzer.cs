using System.Text;

namespace Spps.Testing;

/// <summary>
/// Feeds a reader seeded mutations of valid files and fails on anything but its format error: another exception, a
/// format error that does not name the file, or an input that takes longer than a generous time limit. Input
/// <c>i</c> of seed <c>s</c> depends on nothing else, so a failure is replayed with <see cref="Input"/>.
/// </summary>
public static class Fuzzer
{
    /// <summary>Far beyond what any input needs (milliseconds), so only a hang or a runaway allocation reaches it.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    private const int ReportedFailures = 5;

    public static void Run(FuzzTarget target, int seed, int count)
    {
        foreach (var (valid, index) in target.Seeds.Select((bytes, index) => (bytes, index)))
        {
            // A reader that refused everything would pass the loop below: the seeds must read.
            var error = Attempt(target, valid);
            Assert.True(error is null, $"{target.Reader}: seed file {index} does not read: {error}");
        }

        var failures = new List<string>();
        for (var index = 0; index < count && failures.Count < ReportedFailures; index++)
        {
            var (mutation, input) = Input(target, seed, index);
            var error = Attempt(target, input);
            if (error is not null && !(target.IsFormatError(error) && error.Message.Contains(target.Source, StringComparison.Ordinal)))
            {
                failures.Add($"{target.Reader}, seed {seed}, input {index} ({mutation}, {input.Length} bytes; replay with Fuzzer.Input): " + Describe(error));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>The input <paramref name="index"/> of a run with <paramref name="seed"/>, and the name of its mutation.</summary>
    public static (string Mutation, byte[] Input) Input(FuzzTarget target, int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var input = target.Seeds[random.Next(target.Seeds.Count)];
        var applied = new List<string>();
        var roll = random.Next(100);
        if (roll < 3)
        {
            applied.Add(ByteMutations.Garbage.Name);
            input = ByteMutations.Garbage.Apply(random, input, target.Seeds);
        }
        else
        {
            if (target.StructuredMutations.Count > 0 && roll < 50)
            {
                var structured = target.StructuredMutations[random.Next(target.StructuredMutations.Count)];
                applied.Add(structured.Name);
                input = structured.Apply(random, input, target.Seeds);
            }

            for (var n = applied.Count == 0 ? random.Next(1, 4) : random.Next(0, 2); n > 0; n--)
            {
                var mutation = ByteMutations.All[random.Next(ByteMutations.All.Count)];
                applied.Add(mutation.Name);
                input = mutation.Apply(random, input, target.Seeds);
            }
        }

        if (target.Repair is not null && random.Next(2) == 0)
        {
            applied.Add("repaired");
            input = target.Repair(input);
        }

        return (string.Join(", ", applied), input);
    }

    private static Exception? Attempt(FuzzTarget target, byte[] input)
    {
        var reading = Task.Run(() => target.Read(input, target.Source));
        try
        {
            return reading.Wait(TimeLimit) ? null : new TimeoutException($"the reader did not finish within {TimeLimit.TotalSeconds} s");
        }
        catch (AggregateException error)
        {
            return error.InnerException;
        }
    }

    private static string Describe(Exception error)
    {
        var text = new StringBuilder($"{error.GetType().FullName}: {error.Message}");
        foreach (var frame in (error.StackTrace ?? string.Empty).Split('\n').Take(6))
        {
            text.Append('\n').Append(frame.TrimEnd());
        }

        return text.ToString();
    }
}
