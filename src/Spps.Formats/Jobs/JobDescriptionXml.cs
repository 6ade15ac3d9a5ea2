using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static Spps.Formats.Jobs.MemberXml;

namespace Spps.Formats.Jobs;

/// <summary>
/// Writes and reads the <c>XML</c> member of a job container. The writer reproduces the layout of Libero's member
/// (LF line ends, its tabs and blank lines) byte for byte; devices follow one another as the single-device file
/// suggests (see docs/formats/job.md). Ticket data elements are written empty: jobs without an HSM task carry none.
/// </summary>
public static class JobDescriptionXml
{
    public static byte[] ToBytes(JobDescription job)
    {
        var text = new StringBuilder()
            .Append("\n<job_export>\n")
            .Append($"\t<job_name>{Escape(job.JobName)}</job_name>\n")
            .Append($"\t<hsm_task_name>{Escape(job.HsmTaskName)}</hsm_task_name>\n")
            .Append($"\t<is_jtag_chain>{Boolean(job.IsJtagChain)}</is_jtag_chain>\n")
            .Append("\t<devices>");
        foreach (var device in job.Devices)
        {
            text.Append("<device>\n\n")
                .Append($"<deviceName>{Escape(device.DeviceName)}</deviceName>\n")
                .Append($"<programmingFileName>{Escape(device.ProgrammingFileName)}</programmingFileName>\n")
                .Append($"<deviceType>{Escape(device.DeviceType)}</deviceType>\n")
                .Append($"<deviceHWId>{device.HardwareId.ToString(CultureInfo.InvariantCulture)}</deviceHWId>\n")
                .Append($"<jtagIRSize>{device.IrLength.ToString(CultureInfo.InvariantCulture)}</jtagIRSize>\n")
                .Append($"<jtagDRSize>{device.DrLength.ToString(CultureInfo.InvariantCulture)}</jtagDRSize>\n")
                .Append($"<jtagMaxTCK>{device.MaxTckMhz.ToString("F6", CultureInfo.InvariantCulture)}</jtagMaxTCK>\n")
                .Append($"<isMicrosemiDevice>{Boolean(device.IsMicrochip)}</isMicrosemiDevice>\n")
                .Append($"<klkUUID>{Escape(device.KlkUuid)}</klkUUID>\n")
                .Append($"<isBypass>{Boolean(device.IsBypass)}</isBypass>\n")
                .Append($"<isSetToHighZ>{Boolean(device.IsSetToHighZ)}</isSetToHighZ>\n")
                .Append("<flashProTicketData>\n</flashProTicketData>\n")
                .Append("<cmHSMTicketData>\n</cmHSMTicketData>\n")
                .Append("</device>\n");
        }

        text.Append("\n\t</devices>\n</job_export>\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static JobDescription Read(byte[] content, string source)
    {
        var root = MemberXml.Root(content, source, "the job description", "job_export");
        var devices = root.Element("devices") ?? throw new JobFormatException(source, "the job description has no <devices>");
        return new JobDescription
        {
            JobName = Text(root, "job_name", source),
            HsmTaskName = Text(root, "hsm_task_name", source),
            IsJtagChain = Boolean(root, "is_jtag_chain", source),
            Devices = [.. devices.Elements("device").Select(device => Device(device, source))],
        };
    }

    private static JobDeviceDescription Device(XElement device, string source) => new()
    {
        DeviceName = Text(device, "deviceName", source),
        ProgrammingFileName = Text(device, "programmingFileName", source),
        DeviceType = Text(device, "deviceType", source),
        HardwareId = Integer(device, "deviceHWId", source),
        IrLength = Integer(device, "jtagIRSize", source),
        DrLength = Integer(device, "jtagDRSize", source),
        MaxTckMhz = double.TryParse(Text(device, "jtagMaxTCK", source), NumberStyles.Float, CultureInfo.InvariantCulture, out var tck) && tck >= 0
            ? tck
            : throw Invalid(source, device, "jtagMaxTCK", "a frequency in MHz"),
        IsMicrochip = Boolean(device, "isMicrosemiDevice", source),
        KlkUuid = Text(device, "klkUUID", source),
        IsBypass = Boolean(device, "isBypass", source),
        IsSetToHighZ = Boolean(device, "isSetToHighZ", source),
    };

    private static string Text(XElement parent, string name, string source) =>
        parent.Element(name)?.Value.Trim() ?? throw new JobFormatException(source, $"a <{parent.Name.LocalName}> of the job description has no <{name}>");

    private static int Integer(XElement parent, string name, string source) =>
        int.TryParse(Text(parent, name, source), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(source, parent, name, "a whole number");

    private static bool Boolean(XElement parent, string name, string source) => Text(parent, name, source) switch
    {
        "true" => true,
        "false" => false,
        _ => throw Invalid(source, parent, name, "true or false"),
    };

    private static JobFormatException Invalid(string source, XElement parent, string name, string expected) =>
        new(source, $"<{name}> '{parent.Element(name)!.Value.Trim()}' of the job description is not {expected}");

    private static string Boolean(bool value) => value ? "true" : "false";
}
