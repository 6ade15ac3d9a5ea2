using System.Globalization;
using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Spps.Formats.Jobs;

/// <summary>What the two XML members' readers and writers share: parsing with a clear refusal, and text escaping.</summary>
internal static class MemberXml
{
    /// <summary>The root element of a member, which must be <paramref name="rootName"/>; <paramref name="what"/> names the member in errors.</summary>
    public static XElement Root(byte[] content, string source, string what, string rootName)
    {
        XElement root;
        try
        {
            root = XDocument.Parse(Encoding.UTF8.GetString(content)).Root!;
        }
        catch (XmlException error)
        {
            throw new JobFormatException(source, $"{what}: the text is not XML: {error.Message}");
        }

        return root.Name.LocalName == rootName ? root : throw new JobFormatException(source, $"the root of {what} is <{root.Name.LocalName}>, not <{rootName}>");
    }

    public static string Escape(string value) => SecurityElement.Escape(value);

    /// <summary>The trimmed text of a child element, which must be there; <paramref name="what"/> names the member in errors.</summary>
    public static string Text(XElement parent, string name, string source, string what) =>
        parent.Element(name)?.Value.Trim() ?? throw new JobFormatException(source, $"a <{parent.Name.LocalName}> of {what} has no <{name}>");

    public static int Integer(XElement parent, string name, string source, string what) =>
        int.TryParse(Text(parent, name, source, what), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(source, parent, name, what, "a whole number");

    public static JobFormatException Invalid(string source, XElement parent, string name, string what, string expected) =>
        new(source, $"<{name}> '{parent.Element(name)!.Value.Trim()}' of {what} is not {expected}");
}
