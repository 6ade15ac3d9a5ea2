using System.Text.RegularExpressions;

namespace Spps.Formats.Tests.Jesd71;

/// <summary>One executable statement, parsed once.</summary>
internal abstract record Instruction;

/// <summary><c>BOOLEAN|INTEGER NAME[dimension] = initializer</c>; the initializer is kept as text (literal or list).</summary>
internal sealed record Declaration(bool IsBoolean, string Name, Expression? Dimension, string? Initializer) : Instruction;

internal sealed record Assignment(Expression Target, Expression Value) : Instruction;

internal sealed record GotoInstruction(string Label) : Instruction;

internal sealed record CallInstruction(string Procedure) : Instruction;

internal sealed record IfInstruction(Expression Condition, Instruction Then) : Instruction;

internal sealed record ForInstruction(string Variable, Expression Start, Expression Stop, Expression Step) : Instruction;

internal sealed record NextInstruction(string Variable) : Instruction;

/// <summary><c>IRSCAN|DRSCAN length, data[, CAPTURE array][, COMPARE expected, mask, result]</c>.</summary>
internal sealed record ScanInstruction(bool IsInstructionScan, Expression Length, Expression Data, Expression? Capture, Expression? Expected, Expression? Mask, string? Result)
    : Instruction;

internal sealed record PrintInstruction(IReadOnlyList<Expression> Items) : Instruction;

internal sealed record ExportInstruction(string Key, Expression Value) : Instruction;

internal sealed record ExitInstruction(Expression Code) : Instruction;

internal sealed record FrequencyInstruction(Expression Hertz) : Instruction;

/// <summary>WAIT, IRSTOP, DRSTOP and STATE: TAP timing and end states, which a scan-level device does not model.</summary>
internal sealed record TimingInstruction(string Keyword) : Instruction;

/// <summary>
/// Turns statement text into instructions, for the subset of JESD71 our programming files and the IDCODE path of
/// Microchip's files use. Anything else is refused, naming the statement, so a file using more fails loudly.
/// </summary>
internal static partial class StaplInstructions
{
    /// <summary>The statement's label (or null) and its instruction.</summary>
    public static (string? Label, Instruction Instruction) Parse(string text)
    {
        var label = Label().Match(text);
        return label.Success
            ? (label.Groups[1].Value.ToUpperInvariant(), Instruction(text[label.Length..]))
            : (null, Instruction(text));
    }

    private static Instruction Instruction(string text)
    {
        text = text.Trim();
        var keyword = Keyword().Match(text).Value.ToUpperInvariant();
        var rest = text[keyword.Length..].Trim();
        switch (keyword)
        {
            case "BOOLEAN" or "INTEGER":
                var declaration = DeclarationStatement().Match(rest);
                return declaration.Success
                    ? new Declaration(keyword == "BOOLEAN", declaration.Groups[1].Value.ToUpperInvariant(),
                        declaration.Groups[2].Success ? StaplExpressionParser.Parse(declaration.Groups[2].Value) : null,
                        declaration.Groups[3].Success ? declaration.Groups[3].Value : null)
                    : throw new StaplRuntimeException($"cannot read the declaration '{text}'");
            case "GOTO":
                return new GotoInstruction(rest.ToUpperInvariant());
            case "CALL":
                return new CallInstruction(rest.ToUpperInvariant());
            case "NEXT":
                return new NextInstruction(rest.ToUpperInvariant());
            case "EXIT":
                return new ExitInstruction(StaplExpressionParser.Parse(rest));
            case "FREQUENCY":
                return new FrequencyInstruction(StaplExpressionParser.Parse(rest));
            case "WAIT" or "IRSTOP" or "DRSTOP" or "STATE":
                return new TimingInstruction(keyword);
            case "IF":
                var condition = IfStatement().Match(text);
                return condition.Success
                    ? new IfInstruction(StaplExpressionParser.Parse(condition.Groups[1].Value), Instruction(condition.Groups[2].Value))
                    : throw new StaplRuntimeException($"an IF is written IF condition THEN statement: '{text}'");
            case "FOR":
                var loop = ForStatement().Match(text);
                return loop.Success
                    ? new ForInstruction(loop.Groups[1].Value.ToUpperInvariant(), StaplExpressionParser.Parse(loop.Groups[2].Value),
                        StaplExpressionParser.Parse(loop.Groups[3].Value),
                        loop.Groups[4].Success ? StaplExpressionParser.Parse(loop.Groups[4].Value) : new NumberLiteral(1))
                    : throw new StaplRuntimeException($"a FOR is written FOR var = start TO stop [STEP step]: '{text}'");
            case "IRSCAN" or "DRSCAN":
                return Scan(keyword == "IRSCAN", rest);
            case "PRINT":
                return Print(rest);
            case "EXPORT":
                return Export(rest);
            case "LET":
                return Assign(rest);
            case "PREIR" or "POSTIR" or "PREDR" or "POSTDR" or "PADDING" or "PUSH" or "POP" or "RETURN" or "TRST" or "VECTOR" or "VMAP":
                throw new StaplRuntimeException($"'{keyword}' is outside the subset this interpreter runs: '{text}'");
            default:
                return Assign(text);
        }
    }

    private static Assignment Assign(string text)
    {
        var parser = new StaplExpressionParser(StaplTokens.Of(text), text);
        var target = parser.Expression();
        parser.Expect("=");
        var value = parser.Expression();
        parser.ExpectEnd();
        return target is VariableReference or ElementReference or RangeReference
            ? new Assignment(target, value)
            : throw new StaplRuntimeException($"'{text}' assigns to something that is not a variable");
    }

    private static ScanInstruction Scan(bool isInstructionScan, string text)
    {
        var parser = new StaplExpressionParser(StaplTokens.Of(text), text);
        var length = parser.Expression();
        parser.Expect(",");
        var data = parser.Expression();
        Expression? capture = null, expected = null, mask = null;
        string? result = null;
        while (parser.TryTake(","))
        {
            switch (parser.Name())
            {
                case "CAPTURE":
                    capture = parser.Expression();
                    break;
                case "COMPARE":
                    expected = parser.Expression();
                    parser.Expect(",");
                    mask = parser.Expression();
                    parser.Expect(",");
                    result = parser.Name();
                    break;
                default:
                    throw parser.Error("CAPTURE or COMPARE expected");
            }
        }

        parser.ExpectEnd();
        return new ScanInstruction(isInstructionScan, length, data, capture, expected, mask, result);
    }

    private static PrintInstruction Print(string text)
    {
        var parser = new StaplExpressionParser(StaplTokens.Of(text), text);
        var items = new List<Expression> { parser.Expression() };
        while (parser.TryTake(","))
        {
            items.Add(parser.Expression());
        }

        parser.ExpectEnd();
        return new PrintInstruction(items);
    }

    private static ExportInstruction Export(string text)
    {
        var parser = new StaplExpressionParser(StaplTokens.Of(text), text);
        var key = parser.Expression() as TextLiteral ?? throw parser.Error("EXPORT needs a \"KEY\"");
        parser.Expect(",");
        var value = parser.Expression();
        parser.ExpectEnd();
        return new ExportInstruction(key.Value, value);
    }

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:(?!:)")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Keyword();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[([^\]]*)\])?\s*(?:=\s*(.*))?$", RegexOptions.Singleline)]
    private static partial Regex DeclarationStatement();

    [GeneratedRegex(@"^IF\s+(.*?)\s+THEN\s+(.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex IfStatement();

    [GeneratedRegex(@"^FOR\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+?)\s+TO\s+(.+?)(?:\s+STEP\s+(.+))?$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ForStatement();
}
