using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Spps.Formats.Bsdl;

/// <summary>
/// What a JTAG chain needs from a BSDL file (IEEE 1149.1): the entity, the instruction register (length, capture
/// pattern, opcodes — several per instruction allowed), the IDCODE value and mask (X bits are "don't care"; a file
/// without IDCODE_REGISTER describes a device that comes up in BYPASS), the boundary length and the highest TCK.
/// Reads the VHDL subset real files use: any case, <c>&amp;</c> concatenation across lines, <c>--</c> comments anywhere
/// outside strings, tabs and CRLF. See docs/formats/bsdl.md.
/// </summary>
public sealed partial class BsdlFile
{
    public required string Entity { get; init; }

    public required int InstructionLength { get; init; }

    /// <summary>The IR capture pattern, MSB first (0, 1 or X), or null when the file does not give it.</summary>
    public string? InstructionCapture { get; init; }

    /// <summary>Instruction names (upper case) and their opcodes, each MSB first.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Opcodes { get; init; }

    /// <summary>The IDCODE and its mask (1 where the bit is fixed), or null: the device has no IDCODE register.</summary>
    public (uint Value, uint Mask)? IdCode { get; init; }

    public int? BoundaryLength { get; init; }

    /// <summary>The highest TCK frequency in Hz (TAP_SCAN_CLOCK), or null when the file does not say.</summary>
    public double? MaxTckHz { get; init; }

    public static BsdlFile Read(byte[] bytes, string source)
    {
        var statements = BsdlStatements.Split(Encoding.Latin1.GetString(bytes), source);
        string? entity = null;
        var entityLine = 0;
        var ended = false;
        var attributes = new Dictionary<string, (string Target, string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (statement, line) in statements)
        {
            var text = statement;
            if (entity is null && EntityStatement().Match(text) is { Success: true } header)
            {
                (entity, entityLine) = (header.Groups[1].Value, line);
                text = text[header.Length..].TrimStart(); // "entity X is" has no ';' of its own: what follows is the next statement
            }

            if (AttributeStatement().Match(text) is { Success: true } attribute)
            {
                var name = attribute.Groups[1].Value.ToUpperInvariant();
                if (name == "TAP_SCAN_CLOCK" || attribute.Groups[3].Value.Equals("entity", StringComparison.OrdinalIgnoreCase))
                {
                    attributes[name] = (attribute.Groups[2].Value, attribute.Groups[4].Value, line);
                }
            }
            else if (EndStatement().Match(text) is { Success: true } end && entity is not null)
            {
                ended = end.Groups[1].Value.Equals(entity, StringComparison.OrdinalIgnoreCase) ? true
                    : throw new BsdlFormatException(source, line, $"'end {end.Groups[1].Value}' does not close entity {entity}");
            }
        }

        if (entity is null)
        {
            throw new BsdlFormatException(source, 0, "it has no 'entity NAME is' declaration");
        }

        if (!ended)
        {
            throw new BsdlFormatException(source, entityLine, $"entity {entity} has no 'end {entity};' (is the file cut short?)");
        }

        foreach (var (name, (target, _, line)) in attributes.Where(a => a.Key != "TAP_SCAN_CLOCK"))
        {
            if (!target.Equals(entity, StringComparison.OrdinalIgnoreCase))
            {
                throw new BsdlFormatException(source, line, $"attribute {name} is given for '{target}', not for the entity {entity}");
            }
        }

        var length = Integer(Required(attributes, "INSTRUCTION_LENGTH", source), "INSTRUCTION_LENGTH", source);
        if (length < 1)
        {
            throw new BsdlFormatException(source, attributes["INSTRUCTION_LENGTH"].Line, $"INSTRUCTION_LENGTH is {length}; an instruction register has at least 1 bit");
        }

        return new BsdlFile
        {
            Entity = entity,
            InstructionLength = length,
            InstructionCapture = attributes.TryGetValue("INSTRUCTION_CAPTURE", out var capture) ? Bits(capture, "INSTRUCTION_CAPTURE", length, "01X", source) : null,
            Opcodes = ReadOpcodes(Required(attributes, "INSTRUCTION_OPCODE", source), length, source),
            IdCode = attributes.TryGetValue("IDCODE_REGISTER", out var idcode) ? IdCodeOf(Bits(idcode, "IDCODE_REGISTER", 32, "01X", source)) : null,
            BoundaryLength = attributes.TryGetValue("BOUNDARY_LENGTH", out var boundary) ? Integer(boundary, "BOUNDARY_LENGTH", source) : null,
            MaxTckHz = attributes.TryGetValue("TAP_SCAN_CLOCK", out var clock) ? Clock(clock, source) : null,
        };
    }

    private static (string Target, string Value, int Line) Required(Dictionary<string, (string, string, int)> attributes, string name, string source) =>
        attributes.TryGetValue(name, out var attribute) ? attribute : throw new BsdlFormatException(source, 0, $"it has no {name} attribute");

    private static int Integer((string Target, string Value, int Line) attribute, string name, string source) =>
        int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BsdlFormatException(source, attribute.Line, $"{name} is '{attribute.Value}', not a whole number");

    // A string value: one literal or literals joined with '&'; the parts are concatenated.
    private static string Text((string Target, string Value, int Line) attribute, string name, string source)
    {
        var match = Concatenation().Match(attribute.Value);
        return match.Success
            ? match.Groups[1].Value + string.Concat(match.Groups[2].Captures.Select(part => part.Value))
            : throw new BsdlFormatException(source, attribute.Line, $"{name} is not a string or strings joined with '&': {Shorten(attribute.Value)}");
    }

    private static string Bits((string Target, string Value, int Line) attribute, string name, int length, string allowed, string source)
    {
        var bits = Text(attribute, name, source).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return bits.Length == length && bits.All(allowed.Contains)
            ? bits
            : throw new BsdlFormatException(source, attribute.Line, $"{name} is \"{Shorten(bits)}\"; expecting {length} characters of {string.Join(", ", allowed.ToCharArray())}");
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadOpcodes((string Target, string Value, int Line) attribute, int length, string source)
    {
        var text = Text(attribute, "INSTRUCTION_OPCODE", source);
        var opcodes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var at = 0;
        while (at < text.Length)
        {
            // NAME (bits[, bits...])[ (bits...)...], then a comma before the next instruction
            var match = OpcodeEntry().Match(text, at);
            if (!match.Success || match.Index != at)
            {
                throw new BsdlFormatException(source, attribute.Line, $"INSTRUCTION_OPCODE has '{Shorten(text[at..].Trim())}', expecting NAME (bits[, bits...]) separated by commas");
            }

            var codes = match.Groups[2].Captures.SelectMany(group => group.Value.Split(',', StringSplitOptions.TrimEntries))
                .Select(code => code.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToList();
            foreach (var code in codes.Where(code => code.Length != length || !code.All("01X".Contains)))
            {
                throw new BsdlFormatException(source, attribute.Line, $"the opcode ({code}) of {match.Groups[1].Value} is not {length} bits of 0, 1 or X");
            }

            opcodes[match.Groups[1].Value.ToUpperInvariant()] = codes;
            at = match.Index + match.Length;
        }

        return opcodes;
    }

    private static (uint, uint) IdCodeOf(string bits)
    {
        uint value = 0, mask = 0;
        foreach (var bit in bits)
        {
            value = (value << 1) | (bit == '1' ? 1u : 0u);
            mask = (mask << 1) | (bit == 'X' ? 0u : 1u);
        }

        return (value, mask);
    }

    private static double Clock((string Target, string Value, int Line) attribute, string source)
    {
        var match = ClockValue().Match(attribute.Value);
        return match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var hz) && hz > 0 && double.IsFinite(hz)
            ? hz
            : throw new BsdlFormatException(source, attribute.Line, $"TAP_SCAN_CLOCK is {Shorten(attribute.Value)}; expecting (frequency, BOTH|LOW) with a positive frequency");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^entity\s+([A-Za-z]\w*)\s+is\b", RegexOptions.IgnoreCase)]
    private static partial Regex EntityStatement();

    [GeneratedRegex(@"^attribute\s+(\w+)\s+of\s+(\w+)\s*:\s*(\w+)\s+is\s+(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AttributeStatement();

    [GeneratedRegex(@"^end\s+(\w+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EndStatement();

    [GeneratedRegex(@"^\s*""([^""]*)""(?:\s*&\s*""([^""]*)"")*\s*$")]
    private static partial Regex Concatenation();

    [GeneratedRegex(@"\s*(\w+)\s*(?:\(([^()]*)\)\s*)+(?:,\s*|$)")]
    private static partial Regex OpcodeEntry();

    [GeneratedRegex(@"^\(\s*([0-9.eE+\-]+)\s*,\s*(?:BOTH|LOW)\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex ClockValue();
}
