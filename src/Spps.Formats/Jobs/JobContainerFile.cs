using System.Globalization;

namespace Spps.Formats.Jobs;

/// <summary>
/// A FlashPro Express job container read back: its header and its members in order. Reads Libero's containers
/// (versions 1.0 and 2.0) and ours; every length and marker is checked, so a truncated or altered file is refused.
/// </summary>
public sealed class JobContainerFile
{
    private JobContainerFile(JobContainerHeader header, IReadOnlyList<JobMember> members)
    {
        Header = header;
        Members = members;
    }

    public JobContainerHeader Header { get; }

    public IReadOnlyList<JobMember> Members { get; }

    /// <summary>The member with this name and kind, or null.</summary>
    public JobMember? Member(string name, string? kind) => Members.FirstOrDefault(member => member.Entry.Name == name && member.Entry.Kind == kind);

    public static JobContainerFile Read(Stream input, string source)
    {
        var reader = new LineReader(input, source);
        var fileName = reader.Line("the file name line");
        var version = reader.Line("the version line");
        var dateLine = reader.Line("the date line");
        if (!DateTime.TryParseExact(dateLine, JobContainerLayout.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var created))
        {
            throw new JobFormatException(source, $"the date line '{dateLine}' is not a date such as 'Thu Nov 02 12:25:11 2017'");
        }

        var flags = new List<bool>();
        var line = reader.Line("the flag lines");
        while (line is "true" or "false")
        {
            flags.Add(line == "true");
            line = reader.Line("the table length line");
        }

        string? creator = null;
        if (!IsNumber(line))
        {
            creator = line;
            line = reader.Line("the table length line");
        }

        if (!IsNumber(line) || !int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var tableLength))
        {
            throw new JobFormatException(source, $"'{line}' stands where the member table's length should be");
        }

        var entries = ReadTable(reader, tableLength, source);
        var members = new List<JobMember>(entries.Count);
        foreach (var entry in entries)
        {
            var content = reader.Bytes(entry.Size, $"member '{entry.Name}'");
            var padding = reader.Bytes(JobContainerLayout.MemberPadding, $"the padding after member '{entry.Name}'");
            if (padding.Any(value => value != 0))
            {
                throw new JobFormatException(source, $"member '{entry.Name}' is not followed by {JobContainerLayout.MemberPadding} zero bytes: the table's size for it is wrong");
            }

            members.Add(new JobMember(entry, content));
        }

        if (!reader.AtEnd)
        {
            throw new JobFormatException(source, "there are bytes after the last member");
        }

        return new JobContainerFile(new JobContainerHeader { FileName = fileName, Version = version, Created = created, Flags = flags, Creator = creator }, members);
    }

    private static List<JobMemberEntry> ReadTable(LineReader reader, int tableLength, string source)
    {
        var start = reader.Position;
        if (reader.Line("the member table marker") != JobContainerLayout.Text.GetString(JobContainerLayout.TableMarker))
        {
            throw new JobFormatException(source, "the member table does not start with the '<H<<<<<<<<<<<<<<' marker");
        }

        var markerText = JobContainerLayout.Text.GetString(JobContainerLayout.MembersMarker);
        var entries = new List<JobMemberEntry>();
        for (var row = reader.Line("the member table"); row != markerText; row = reader.Line("the member table"))
        {
            entries.Add(ParseRow(row, source));
        }

        var measured = reader.Position - start - markerText.Length - 1;
        if (measured != tableLength)
        {
            throw new JobFormatException(source, $"the member table is {measured} bytes long, but the header gives {tableLength}");
        }

        return entries;
    }

    private static JobMemberEntry ParseRow(string row, string source)
    {
        var fields = row.Split('|');
        if (fields.Length != 4 || fields[1] is not ("true" or "false") || fields[2] is not ("true" or "false")
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new JobFormatException(source, $"the member table row '{row}' is not <name>|<flag>|<flag>|<size>");
        }

        var key = Uri.UnescapeDataString(fields[0]);
        var at = key.LastIndexOf('@');
        return at < 0
            ? new JobMemberEntry(key, null, size, fields[1] == "true", fields[2] == "true")
            : new JobMemberEntry(key[..at], key[(at + 1)..], size, fields[1] == "true", fields[2] == "true");
    }

    private static bool IsNumber(string line) => line.Length > 0 && line.All(char.IsAsciiDigit);

    /// <summary>Reads LF-ended header lines (a CR before the LF is dropped) and then raw member bytes, counting the position.</summary>
    private sealed class LineReader(Stream input, string source)
    {
        private const int LongestLine = 4096;

        public long Position { get; private set; }

        public bool AtEnd => input.ReadByte() < 0;

        public string Line(string what)
        {
            var bytes = new List<byte>();
            while (true)
            {
                var value = input.ReadByte();
                if (value < 0)
                {
                    throw new JobFormatException(source, $"the file ends inside {what}");
                }

                Position++;
                if (value == '\n')
                {
                    return JobContainerLayout.Text.GetString([.. bytes]).TrimEnd('\r');
                }

                if (bytes.Count == LongestLine)
                {
                    throw new JobFormatException(source, $"{what} has a line longer than {LongestLine} bytes: this is not a job container");
                }

                bytes.Add((byte)value);
            }
        }

        public byte[] Bytes(long count, string what)
        {
            if (count > Array.MaxLength)
            {
                throw new JobFormatException(source, $"{what} is {count} bytes, more than this reader holds");
            }

            if (input.CanSeek && count > input.Length - input.Position)
            {
                throw new JobFormatException(source, $"the file ends inside {what}");
            }

            var buffer = new byte[count];
            var read = input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            Position += read;
            return read == buffer.Length ? buffer : throw new JobFormatException(source, $"the file ends inside {what}");
        }
    }
}
