using System.Globalization;
using System.Text;

namespace Spps.Formats.Jobs;

/// <summary>
/// Writes a FlashPro Express job container: header lines, the member table between its markers, then each member
/// followed by ten zero bytes (docs/formats/job.md). Members are streamed from their sources, never gathered first.
/// </summary>
public static class JobContainerWriter
{
    public static void Write(Stream output, JobContainerHeader header, IReadOnlyList<JobMemberSource> members)
    {
        output.Write(JobContainerLayout.Text.GetBytes(HeaderText(header, members.Select(member => member.Entry).ToList())));
        var padding = new byte[JobContainerLayout.MemberPadding];
        foreach (var member in members)
        {
            var counted = new CountingStream(output);
            member.WriteContent(counted);
            if (counted.Count != member.Entry.Size)
            {
                // The table already promised the size; a different length would make the container unreadable.
                throw new InvalidOperationException($"Member '{member.Entry.Name}' wrote {counted.Count} bytes, not the {member.Entry.Size} its table entry gives.");
            }

            output.Write(padding);
        }
    }

    // Everything before the first member: the header lines, the table's length, the table between its markers.
    private static string HeaderText(JobContainerHeader header, IReadOnlyList<JobMemberEntry> entries)
    {
        var table = new StringBuilder();
        table.Append(JobContainerLayout.Text.GetString(JobContainerLayout.TableMarker)).Append('\n');
        foreach (var entry in entries)
        {
            table.Append(JobContainerLayout.TableRow(entry)).Append('\n');
        }

        var lines = new StringBuilder()
            .Append(header.FileName).Append('\n')
            .Append(header.Version).Append('\n')
            .Append(header.Created.ToString(JobContainerLayout.DateFormat, CultureInfo.InvariantCulture)).Append('\n');
        foreach (var flag in header.Flags)
        {
            lines.Append(JobContainerLayout.Flag(flag)).Append('\n');
        }

        if (header.Creator is { } creator)
        {
            lines.Append(creator).Append('\n');
        }

        return lines.Append(table.Length.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(table)
            .Append(JobContainerLayout.Text.GetString(JobContainerLayout.MembersMarker)).Append('\n')
            .ToString();
    }

    /// <summary>Passes writes through and counts them, so a member's promised size is checked as it is written.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Count += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
