using System.IO.Compression;
using Spps.Formats.Containers;

namespace Spps.Formats.Tests.Fuzzing;

/// <summary>
/// Structure-aware mutations of our ZIP containers. Most rewrite the container with a manifest that matches the changed
/// parts (so the reader gets past the hashes to the checks of the content); the others change the manifest itself or
/// add an entry it does not list.
/// </summary>
public static class ContainerMutations
{
    public static IReadOnlyList<Mutation> For(string type, int formatVersion) =>
    [
        Consistent(type, formatVersion, "part JSON value", (random, parts) => ChangeJsonPart(random, parts)),
        Consistent(type, formatVersion, "part bytes", (random, parts) =>
        {
            var name = Pick(random, parts);
            var mutation = ByteMutations.All[random.Next(ByteMutations.All.Count)];
            parts[name] = mutation.Apply(random, parts[name], [.. parts.Values]);
        }),
        Consistent(type, formatVersion, "drop a part", (random, parts) => parts.Remove(Pick(random, parts))),
        Consistent(type, formatVersion, "empty a part", (random, parts) => parts[Pick(random, parts)] = []),
        Consistent(type, formatVersion, "rename a part", (random, parts) =>
        {
            var name = Pick(random, parts);
            parts[name + (random.Next(2) == 0 ? "x" : "/../" + name)] = parts[name];
            parts.Remove(name);
        }),
        Consistent(type, formatVersion, "extra part", (random, parts) => parts[random.Next(3) switch
        {
            0 => "envm/7.bin",
            1 => "keys/UEK9.wrapped",
            _ => "../escape.json",
        }] = parts[Pick(random, parts)]),
        new("manifest value", (random, input, _) => Rezip(input, (name, content) => name == ContainerFile.ManifestName ? JsonMutations.Mutate(random, content) : content)),
        new("unlisted entry", (random, input, _) => Rezip(input, (_, content) => content, ("unlisted.bin", [1, 2, 3]))),
    ];

    private static Mutation Consistent(string type, int formatVersion, string name, Action<Random, Dictionary<string, byte[]>> change) =>
        new(name, (random, input, _) =>
        {
            var container = ContainerFile.Read(new MemoryStream(input), "seed", type, formatVersion);
            var parts = new Dictionary<string, byte[]>(container.Parts, StringComparer.Ordinal);
            if (parts.Count > 0)
            {
                change(random, parts);
            }

            return ContainerFile.ToBytes(container with { Parts = parts });
        });

    private static void ChangeJsonPart(Random random, Dictionary<string, byte[]> parts)
    {
        var json = parts.Keys.Where(name => name.EndsWith(".json", StringComparison.Ordinal)).ToList();
        var name = json.Count > 0 ? json[random.Next(json.Count)] : Pick(random, parts);
        parts[name] = JsonMutations.Mutate(random, parts[name]);
    }

    private static string Pick(Random random, Dictionary<string, byte[]> parts) => parts.Keys.Order(StringComparer.Ordinal).ElementAt(random.Next(parts.Count));

    // The same entries in the same order, each possibly changed, plus any added ones; hashes are left as they were.
    private static byte[] Rezip(byte[] input, Func<string, byte[], byte[]> change, params (string Name, byte[] Content)[] added)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(input), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(content);
                }

                Add(target, entry.FullName, change(entry.FullName, content.ToArray()));
            }

            foreach (var (name, content) in added)
            {
                Add(target, name, content);
            }
        }

        return output.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }
}
