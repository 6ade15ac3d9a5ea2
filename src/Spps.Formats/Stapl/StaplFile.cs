using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Spps.Formats.Stapl;

/// <summary>
/// A STAPL (JESD71) file as read: its NOTEs in order, ACTIONs, DATA blocks (Boolean arrays with a literal decoded, the
/// other declarations kept as statements), PROCEDUREs (as statements) and its CRC, which must match. Any syntax
/// problem, a bad compressed array or a CRC mismatch is refused with the line and the reason.
/// </summary>
public sealed partial class StaplFile
{
    private readonly List<(string Key, string Value)> _notes = [];
    private readonly List<StaplAction> _actions = [];
    private readonly Dictionary<string, Dictionary<string, StaplBooleanArray>> _booleans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StaplStatement>> _declarations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StaplStatement>> _procedures = new(StringComparer.Ordinal);

    private StaplFile()
    {
    }

    public IReadOnlyList<(string Key, string Value)> Notes => _notes;

    public IReadOnlyList<StaplAction> Actions => _actions;

    public IReadOnlyCollection<string> DataBlocks => _booleans.Keys;

    public IReadOnlyDictionary<string, List<StaplStatement>> Procedures => _procedures;

    /// <summary>
    /// Each DATA block's declarations in file order, except the Boolean arrays with a literal, which
    /// <see cref="BooleanArrays"/> gives decoded (their text, megabytes for a datastream, is not kept).
    /// </summary>
    public IReadOnlyDictionary<string, List<StaplStatement>> Declarations => _declarations;

    public ushort Crc { get; private set; }

    public string? Note(string key) => _notes.Where(note => note.Key == key).Select(note => note.Value).FirstOrDefault();

    /// <summary>A Boolean array with a literal initializer in a DATA block, or null.</summary>
    public StaplBooleanArray? BooleanArray(string block, string name) =>
        _booleans.TryGetValue(block, out var arrays) && arrays.TryGetValue(name, out var array) ? array : null;

    /// <summary>The Boolean arrays with a literal initializer of a DATA block, decoded (none for an unknown block).</summary>
    public IReadOnlyCollection<StaplBooleanArray> BooleanArrays(string block) =>
        _booleans.TryGetValue(block, out var arrays) ? arrays.Values : [];

    /// <summary>
    /// An INTEGER of a DATA block declared with a number that fits 32 bits (<c>INTEGER DATASIZE =5;</c>), or null.
    /// </summary>
    public int? Integer(string block, string name)
    {
        var declaration = _declarations.GetValueOrDefault(block)?.Select(statement => IntegerStatement().Match(statement.Text))
            .FirstOrDefault(match => match.Success && match.Groups[1].Value == name);
        return declaration is not null && int.TryParse(declaration.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    public static StaplFile Read(byte[] bytes, string source)
    {
        var text = Encoding.Latin1.GetString(bytes); // STAPL is ASCII: one character per byte keeps offsets equal
        var file = new StaplFile();
        string? data = null;
        string? procedure = null;
        var sawCrc = false;
        foreach (var statement in StaplLexer.Statements(text, source))
        {
            if (sawCrc)
            {
                throw new StaplFormatException(source, statement.Line, "there is a statement after the CRC statement");
            }

            var keyword = statement.Keyword;
            if (procedure is not null)
            {
                if (keyword == "ENDPROC")
                {
                    procedure = null;
                }
                else
                {
                    file._procedures[procedure].Add(statement);
                }

                continue;
            }

            if (data is not null)
            {
                switch (keyword)
                {
                    case "ENDDATA":
                        data = null;
                        break;
                    case "BOOLEAN" when file.ReadBoolean(statement, data, source):
                        break;
                    case "BOOLEAN" or "INTEGER":
                        file._declarations[data].Add(statement);
                        break;
                    default:
                        throw new StaplFormatException(source, statement.Line, $"'{keyword}' is not allowed in DATA {data} (expecting BOOLEAN, INTEGER or ENDDATA)");
                }

                continue;
            }

            switch (keyword)
            {
                case "NOTE":
                    var note = NoteStatement().Match(statement.Text);
                    file._notes.Add(note.Success
                        ? (note.Groups[1].Value, note.Groups[2].Value)
                        : throw new StaplFormatException(source, statement.Line, "a NOTE is written NOTE \"KEY\" \"VALUE\""));
                    break;
                case "ACTION":
                    file._actions.Add(ReadAction(statement, source));
                    break;
                case "DATA":
                    data = Name(statement, "DATA", source);
                    file._booleans[data] = new Dictionary<string, StaplBooleanArray>(StringComparer.Ordinal);
                    file._declarations[data] = [];
                    break;
                case "PROCEDURE":
                    procedure = Name(statement, "PROCEDURE", source);
                    file._procedures[procedure] = [];
                    break;
                case "CRC":
                    file.Crc = CheckCrc(statement, bytes, source);
                    sawCrc = true;
                    break;
                default:
                    var shown = keyword.Length > 0 ? keyword : statement.Text.Trim()[..Math.Min(24, statement.Text.Trim().Length)];
                    throw new StaplFormatException(source, statement.Line, $"'{shown}' is not a statement allowed here (expecting NOTE, ACTION, DATA, PROCEDURE or CRC)");
            }
        }

        if (procedure is not null || data is not null)
        {
            throw new StaplFormatException(source, 0, $"{(procedure is not null ? "PROCEDURE " + procedure + " is not closed with ENDPROC" : "DATA " + data + " is not closed with ENDDATA")} (the file is truncated)");
        }

        return sawCrc ? file : throw new StaplFormatException(source, 0, "the file has no CRC statement (it may be truncated)");
    }

    // Decodes a Boolean array with a literal; false for scalars, uninitialised arrays and arrays sized by expressions.
    private bool ReadBoolean(StaplStatement statement, string block, string source)
    {
        var match = BooleanArrayStatement().Match(statement.Text);
        if (!match.Success)
        {
            return false;
        }

        var name = match.Groups[1].Value;
        if (!int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            throw new StaplFormatException(source, statement.Line, $"BOOLEAN {name}[{match.Groups[2].Value}]: the size is larger than a Boolean array can be ({int.MaxValue} bits)");
        }

        try
        {
            _booleans[block][name] = StaplBooleanArray.Parse(name, bits, match.Groups[3].Value);
            return true;
        }
        catch (Exception error) when (error is FormatException or AcaFormatException)
        {
            throw new StaplFormatException(source, statement.Line, $"BOOLEAN {name}[{bits}]: {error.Message}");
        }
    }

    private static StaplAction ReadAction(StaplStatement statement, string source)
    {
        var match = ActionStatement().Match(statement.Text);
        if (!match.Success)
        {
            throw new StaplFormatException(source, statement.Line, "an ACTION is written ACTION NAME [\"description\"] = PROCEDURE [OPTIONAL|RECOMMENDED], ...");
        }

        var steps = new List<(string, string?)>();
        foreach (var part in match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries))
        {
            var words = part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length is 0 or > 2 || (words.Length == 2 && words[1].ToUpperInvariant() is not ("OPTIONAL" or "RECOMMENDED")))
            {
                throw new StaplFormatException(source, statement.Line, $"ACTION {match.Groups[1].Value}: '{part}' is not a procedure with an optional OPTIONAL or RECOMMENDED");
            }

            steps.Add((words[0], words.Length == 2 ? words[1].ToUpperInvariant() : null));
        }

        return new StaplAction(match.Groups[1].Value, steps);
    }

    private static string Name(StaplStatement statement, string keyword, string source)
    {
        var words = statement.Text.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && NameToken().IsMatch(words[1])
            ? words[1]
            : throw new StaplFormatException(source, statement.Line, $"{keyword} needs a name");
    }

    private static ushort CheckCrc(StaplStatement statement, byte[] bytes, string source)
    {
        var match = CrcStatement().Match(statement.Text);
        if (!match.Success)
        {
            throw new StaplFormatException(source, statement.Line, "the CRC statement is written CRC followed by 4 hexadecimal digits");
        }

        var stated = ushort.Parse(match.Groups[1].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var actual = StaplCrc.Compute(bytes.AsSpan(0, statement.Offset));
        return stated == actual
            ? stated
            : throw new StaplFormatException(source, statement.Line, $"the CRC is {stated:X4} but the file's content gives {actual:X4} (the file was altered or damaged)");
    }

    [GeneratedRegex("^NOTE\\s+\"([^\"]*)\"\\s*=?\\s*\"([^\"]*)\"$", RegexOptions.IgnoreCase)]
    private static partial Regex NoteStatement();

    [GeneratedRegex("^ACTION\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\"[^\"]*\")?\\s*=\\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ActionStatement();

    [GeneratedRegex("^BOOLEAN\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\[\\s*(\\d+)\\s*\\]\\s*=\\s*([#$@].*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex BooleanArrayStatement();

    [GeneratedRegex("^INTEGER\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(-?\\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex IntegerStatement();

    [GeneratedRegex("^CRC\\s+([0-9A-Fa-f]{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex CrcStatement();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NameToken();
}
