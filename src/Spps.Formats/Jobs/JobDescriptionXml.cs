using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static Spps.Formats.Jobs.MemberXml;

namespace Spps.Formats.Jobs;

/// <summary>
/// Writes and reads the <c>XML</c> member of a job container. The writer reproduces the layout of Libero's member
/// (LF line ends, its tabs and blank lines) byte for byte; devices follow one another as the single-device file
/// suggests (see docs/formats/job.md). FlashPro's ticket data element is written empty; a ticketed target of an HSM job
/// carries its tickets and sealed secrets in <c>cmHSMTicketData</c> (ours), empty elsewhere.
/// </summary>
public static class JobDescriptionXml
{
    private const string Unlimited = "unlimited";
    private const string What = "the job description";

    public static byte[] ToBytes(JobDescription job)
    {
        var text = new StringBuilder()
            .Append("\n<job_export>\n")
            .Append($"\t<job_name>{Escape(job.JobName)}</job_name>\n")
            .Append($"\t<hsm_task_name>{Escape(job.HsmTaskName)}</hsm_task_name>\n")
            .Append(job.JobType.Length > 0 ? $"\t<job_type>{Escape(job.JobType)}</job_type>\n" : string.Empty)
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
                .Append("<cmHSMTicketData>\n").Append(TicketData(device.TicketData)).Append("</cmHSMTicketData>\n")
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
            JobType = root.Element("job_type")?.Value.Trim() ?? string.Empty,
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
        TicketData = device.Element("cmHSMTicketData") is { HasElements: true } data ? ReadTicketData(data, source) : null,
    };

    private static string TicketData(JobTicketData? data)
    {
        if (data is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder()
            .Append($"<requestId>{Escape(data.RequestId)}</requestId>\n")
            .Append($"<mHsmUuid>{Escape(data.MHsmUuid)}</mHsmUuid>\n");
        foreach (var ticket in data.Tickets)
        {
            text.Append($"<ticket><ticketId>{Escape(ticket.TicketId)}</ticketId><ticketName>{Escape(ticket.Name)}</ticketName>")
                .Append($"<action>{Escape(ticket.Action)}</action><maxDevices>{(ticket.MaxDevices is { } max ? max.ToString(CultureInfo.InvariantCulture) : Unlimited)}</maxDevices></ticket>\n");
        }

        return text.Append($"<sealedSecrets>{Convert.ToBase64String(data.SealedSecrets)}</sealedSecrets>\n").ToString();
    }

    private static JobTicketData ReadTicketData(XElement data, string source) => new(
        Text(data, "requestId", source),
        Text(data, "mHsmUuid", source),
        [.. data.Elements("ticket").Select(ticket => new JobTicket(Text(ticket, "ticketId", source), Text(ticket, "ticketName", source), Text(ticket, "action", source),
            Text(ticket, "maxDevices", source) is var max && max == Unlimited ? null
            : long.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : throw Invalid(source, ticket, "maxDevices", "a positive whole number or unlimited")))],
        Base64(data, source));

    private static byte[] Base64(XElement data, string source)
    {
        try
        {
            return Convert.FromBase64String(Text(data, "sealedSecrets", source));
        }
        catch (FormatException)
        {
            throw Invalid(source, data, "sealedSecrets", "base64");
        }
    }

    private static string Text(XElement parent, string name, string source) => MemberXml.Text(parent, name, source, What);

    private static int Integer(XElement parent, string name, string source) => MemberXml.Integer(parent, name, source, What);

    private static bool Boolean(XElement parent, string name, string source) => Text(parent, name, source) switch
    {
        "true" => true,
        "false" => false,
        _ => throw Invalid(source, parent, name, "true or false"),
    };

    private static JobFormatException Invalid(string source, XElement parent, string name, string expected) => MemberXml.Invalid(source, parent, name, What, expected);

    private static string Boolean(bool value) => value ? "true" : "false";
}
