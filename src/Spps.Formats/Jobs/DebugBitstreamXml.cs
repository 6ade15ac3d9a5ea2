using System.Globalization;
using System.Text;
using Spps.Devices;
using static Spps.Formats.Jobs.MemberXml;

namespace Spps.Formats.Jobs;

/// <summary>Writes and reads a debug job's <c>dbg</c> member, the public part of a target's DEBUG bitstream (docs/formats/ddc.md).</summary>
public static class DebugBitstreamXml
{
    private const string What = "a debug bitstream member";

    public static byte[] ToBytes(DebugBitstreamInfo bitstream) => Encoding.UTF8.GetBytes(new StringBuilder()
        .Append("<debug_bitstream>\n")
        .Append($"<die>{Escape(bitstream.Die)}</die>\n")
        .Append($"<idCode>{bitstream.IdCode.ToString("X8", CultureInfo.InvariantCulture)}</idCode>\n")
        .Append($"<designName>{Escape(bitstream.DesignName)}</designName>\n")
        .Append($"<designVersion>{bitstream.DesignVersion.ToString(CultureInfo.InvariantCulture)}</designVersion>\n")
        .Append($"<bitstreamType>{DebugBitstreamInfo.Type}</bitstreamType>\n")
        .Append($"<protocol>{DebugBitstreamInfo.Protocol}</protocol>\n")
        .Append($"<keyMode>{Escape(bitstream.KeyMode)}</keyMode>\n")
        .Append("</debug_bitstream>\n")
        .ToString());

    /// <summary>Reads a member and checks every value: a die of the catalog with its own IDCODE, a design name, type DEBUG, ONE_TIME_PASSCODE, UEK1 or UEK2.</summary>
    public static DebugBitstreamInfo Read(byte[] content, string source)
    {
        var root = Root(content, source, What, "debug_bitstream");
        var dieName = Text(root, "die", source, What);
        var die = DeviceCatalog.Dies.FirstOrDefault(die => die.Name == dieName) ?? throw Invalid(source, root, "die", What, "a die of the device catalog");
        if (!uint.TryParse(Text(root, "idCode", source, What), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var idCode) || idCode != die.IdCode)
        {
            throw Invalid(source, root, "idCode", What, $"the IDCODE of {die.Name} ({die.IdCodeText})");
        }

        var designName = Text(root, "designName", source, What);
        if (designName.Length == 0)
        {
            throw Invalid(source, root, "designName", What, "a design name");
        }

        var version = Integer(root, "designVersion", source, What);
        Expect(root, "bitstreamType", DebugBitstreamInfo.Type, source);
        Expect(root, "protocol", DebugBitstreamInfo.Protocol, source);
        var keyMode = Text(root, "keyMode", source, What);
        return version > ushort.MaxValue ? throw Invalid(source, root, "designVersion", What, $"a design version up to {ushort.MaxValue}")
            : keyMode is "UEK1" or "UEK2" ? new DebugBitstreamInfo(die.Name, idCode, designName, (ushort)version, keyMode)
            : throw Invalid(source, root, "keyMode", What, "UEK1 or UEK2");
    }

    private static void Expect(System.Xml.Linq.XElement root, string name, string value, string source)
    {
        if (Text(root, name, source, What) != value)
        {
            throw Invalid(source, root, name, What, value);
        }
    }
}
