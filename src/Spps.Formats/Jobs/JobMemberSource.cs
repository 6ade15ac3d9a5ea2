namespace Spps.Formats.Jobs;

/// <summary>
/// A member to write: its table entry and a writer for exactly <see cref="JobMemberEntry.Size"/> bytes, so large
/// members are copied straight from where they are into the container.
/// </summary>
public sealed record JobMemberSource(JobMemberEntry Entry, Action<Stream> WriteContent)
{
    public static JobMemberSource FromBytes(string name, string? kind, byte[] content) =>
        new(new JobMemberEntry(name, kind, content.LongLength), stream => stream.Write(content));
}
