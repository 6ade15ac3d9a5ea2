using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static Spps.Formats.Jobs.MemberXml;

namespace Spps.Formats.Jobs;

/// <summary>
/// Writes and reads the project settings member. The writer reproduces Libero's member (CRLF, four-space indents,
/// each value on a line of its own, the programmers' defaults) byte for byte for a one-device chain; more devices
/// follow one another as <c>Device</c> elements (see docs/formats/job.md).
/// </summary>
public static class ProjectSettingsXml
{
    private const string Version = "1.1";

    public static byte[] ToBytes(ProjectSettings settings)
    {
        var text = new Writer();
        text.Line(0, $"<project name=\"{Escape(settings.ProjectName)}\" version=\"{Version}\">");
        text.Value(4, "ProjectDirectory", settings.ProjectDirectory);
        text.Value(4, "View", "ChainView");
        text.Value(4, "LiberoTargetDevice", settings.TargetDevice);
        text.Value(4, "LogFile", settings.LogFile);
        text.Value(4, "SerializationOption", "Skip");
        text.Line(4, "<configuration>");
        text.Line(8, "<Hardware>");
        var tck = settings.TckHz.ToString(CultureInfo.InvariantCulture);
        text.Line(12, "<FlashPro>");
        text.Value(16, "TCK", tck);
        text.Empty(16, "Vpp", "Vpn", "Vddl");
        text.Line(16, "<Vdd>");
        text.Line(0, "2500                </Vdd>"); // Libero writes this one value unindented, its closing tag after it
        text.Line(12, "</FlashPro>");
        text.Line(12, "<FlashProLite>");
        text.Value(16, "TCK", tck);
        text.Empty(16, "Vpp", "Vpn");
        text.Line(12, "</FlashProLite>");
        foreach (var programmer in new[] { "FlashPro3", "FlashPro4", "FlashPro5" })
        {
            text.Line(12, $"<{programmer}>");
            text.Value(16, "TCK", tck);
            text.Empty(16, "Vpump");
            text.Value(16, "ClkMode", "FreeRunningClk");
            if (programmer == "FlashPro5")
            {
                text.Value(16, "ProgrammingMode", "JTAGMode");
            }

            text.Line(12, $"</{programmer}>");
        }

        text.Line(8, "</Hardware>");
        foreach (var device in settings.Devices)
        {
            text.Line(8, $"<Device type=\"{Escape(device.Type)}\">");
            text.Value(12, "Name", device.Name);
            text.Value(12, "Custom", device.Custom);
            Algo(text, 12, device.IrLength, device.MaxTckHz);
            text.Line(8, "</Device>");
        }

        Algo(text, 8, 0, 0); // an empty algorithm entry closes Libero's configuration; its role is not known
        text.Line(4, "</configuration>");
        text.Line(0, "</project>");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static ProjectSettings Read(byte[] content, string source)
    {
        var root = MemberXml.Root(content, source, "the project settings", "project");
        var configuration = root.Element("configuration") ?? throw new JobFormatException(source, "the project settings have no <configuration>");
        var programmer = configuration.Element("Hardware")?.Element("FlashPro5") ?? throw new JobFormatException(source, "the project settings have no FlashPro5 hardware entry");
        return new ProjectSettings
        {
            ProjectName = root.Attribute("name")?.Value ?? throw new JobFormatException(source, "the project settings' <project> has no name"),
            ProjectDirectory = Text(root, "ProjectDirectory", source),
            LogFile = Text(root, "LogFile", source),
            TargetDevice = Text(root, "LiberoTargetDevice", source),
            TckHz = Number(programmer, "TCK", source),
            Devices = [.. configuration.Elements("Device").Select(device => new ProjectSettingsDevice(
                device.Attribute("type")?.Value ?? throw new JobFormatException(source, "a <Device> of the project settings has no type"),
                Text(device, "Name", source),
                Text(device, "Custom", source),
                (int)Number(Algorithm(device, source), "irlength", source),
                Number(Algorithm(device, source), "MaxTCK", source)))],
        };
    }

    private static void Algo(Writer text, int indent, int irLength, long maxTckHz)
    {
        text.Line(indent, "<Algo type=\"unknown\">");
        text.Value(indent + 4, "irlength", irLength.ToString(CultureInfo.InvariantCulture));
        text.Value(indent + 4, "MaxTCK", maxTckHz.ToString(CultureInfo.InvariantCulture));
        text.Line(indent, "</Algo>");
    }

    private static XElement Algorithm(XElement device, string source) =>
        device.Element("Algo") ?? throw new JobFormatException(source, "a <Device> of the project settings has no <Algo>");

    private static string Text(XElement parent, string name, string source) =>
        parent.Element(name)?.Value.Trim() ?? throw new JobFormatException(source, $"<{parent.Name.LocalName}> of the project settings has no <{name}>");

    private static long Number(XElement parent, string name, string source) =>
        long.TryParse(Text(parent, name, source), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JobFormatException(source, $"<{name}> '{Text(parent, name, source)}' of the project settings is not a whole number");

    /// <summary>Lines with CRLF ends and space indents, the layout of the settings member.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _text = new();

        public void Line(int indent, string line) => _text.Append(' ', indent).Append(line).Append("\r\n");

        /// <summary>An element whose value stands alone on the line between its tags, indented one level deeper.</summary>
        public void Value(int indent, string name, string value)
        {
            Line(indent, $"<{name}>");
            Line(indent + 4, Escape(value));
            Line(indent, $"</{name}>");
        }

        public void Empty(int indent, params string[] names)
        {
            foreach (var name in names)
            {
                Line(indent, $"<{name}/>");
            }
        }

        public override string ToString() => _text.ToString();
    }
}
