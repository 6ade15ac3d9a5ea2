namespace Spps.Formats.Containers;

/// <summary>
/// The content of one of our containers (keyset, JDC, SPM, job request/reply, HSM job, job status): its type, the
/// version of that type's format, who made it and when, and its named binary parts. See docs/formats/container.md.
/// </summary>
public sealed record Container(string Type, int FormatVersion, string Creator, DateTimeOffset Created, IReadOnlyDictionary<string, byte[]> Parts)
{
    public byte[] Part(string name, string source) =>
        Parts.TryGetValue(name, out var part) ? part : throw new ContainerException($"'{source}' has no part '{name}'.");
}
