using System.Globalization;
using System.Text;

namespace Spps.Formats.Jobs;

/// <summary>The fixed pieces of the job container framing, shared by its writer and reader (docs/formats/job.md).</summary>
internal static class JobContainerLayout
{
    /// <summary>The 16-byte marker that opens the member table.</summary>
    public static readonly byte[] TableMarker = Marker('H');

    /// <summary>The 16-byte marker that ends the member table; a line feed follows it.</summary>
    public static readonly byte[] MembersMarker = Marker('M');

    /// <summary>Every member, the last included, is followed by this many zero bytes.</summary>
    public const int MemberPadding = 10;

    public const string DateFormat = "ddd MMM dd HH:mm:ss yyyy";

    public static readonly Encoding Text = Encoding.Latin1;

    /// <summary>A member's table key: name, '@' and kind, URL-encoded as a whole (so '@' reads "%40").</summary>
    public static string TableKey(JobMemberEntry entry) => Uri.EscapeDataString(entry.Kind is null ? entry.Name : $"{entry.Name}@{entry.Kind}");

    public static string TableRow(JobMemberEntry entry) =>
        string.Join('|', TableKey(entry), Flag(entry.FirstFlag), Flag(entry.SecondFlag), entry.Size.ToString(CultureInfo.InvariantCulture));

    public static string Flag(bool value) => value ? "true" : "false";

    private static byte[] Marker(char letter) => [(byte)'<', (byte)letter, .. Enumerable.Repeat((byte)'<', 14)];
}
