using System.Globalization;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests.Jesd71;

/// <summary>
/// Runs one ACTION of a STAPL file against a device that answers scans, as the Jam STAPL Player does
/// (reference/formats.md §1–2): DATA blocks are initialised first, the action's procedures run in order (OPTIONAL ones
/// only when asked for), FOR loops keep the player's quirk (the body runs once more before NEXT compares with the
/// stop value), expressions are typed as the player types them, and EXIT ends the action with its code. It covers
/// the JESD71 subset our programming files and the IDCODE path of Microchip's files use, and refuses anything else.
/// It parses with the project's own reader (<see cref="StaplFile"/>, <see cref="StaplBooleanArray"/>, ACA).
/// </summary>
internal sealed class StaplInterpreter
{
    // A runaway program (a loop that never ends) is stopped rather than hanging the test run.
    private const long StatementLimit = 50_000_000;

    private readonly StaplFile _file;
    private readonly IJtagDevice _device;
    private readonly Dictionary<string, StaplVariable> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledProcedure> _procedures = new(StringComparer.Ordinal);
    private readonly List<StaplExport> _exports = [];
    private readonly List<string> _printed = [];
    private long _executed;

    private StaplInterpreter(StaplFile file, IJtagDevice device)
    {
        _file = file;
        _device = device;
    }

    public static StaplRun Run(StaplFile file, string action, IJtagDevice device, params string[] optionalProcedures) =>
        new StaplInterpreter(file, device).Run(action, optionalProcedures);

    private StaplRun Run(string actionName, string[] optionalProcedures)
    {
        var action = _file.Actions.FirstOrDefault(a => a.Name == actionName) ?? throw new StaplRuntimeException($"the file has no ACTION {actionName}");
        InitialiseData();
        try
        {
            foreach (var (procedure, qualifier) in action.Steps)
            {
                if (qualifier != "OPTIONAL" || optionalProcedures.Contains(procedure))
                {
                    Call(procedure);
                }
            }

            return new StaplRun(0, _exports, _printed);
        }
        catch (ExitSignal exit)
        {
            return new StaplRun(exit.Code, _exports, _printed);
        }
    }

    private void InitialiseData()
    {
        foreach (var (block, declarations) in _file.Declarations)
        {
            foreach (var declaration in declarations)
            {
                Declare((Declaration)StaplInstructions.Parse(declaration.Text).Instruction);
            }

            foreach (var array in _file.BooleanArrays(block))
            {
                _variables[array.Name.ToUpperInvariant()] = new StaplVariable(array.Name, isBoolean: true) { Booleans = StaplBits.Of(array) };
            }
        }
    }

    private void Call(string name)
    {
        var procedure = Procedure(name);
        var loops = new Stack<Loop>();
        var next = 0;
        while (next < procedure.Statements.Length)
        {
            if (++_executed > StatementLimit)
            {
                throw new StaplRuntimeException($"more than {StatementLimit} statements ran: a loop does not end (in {name})");
            }

            var (instruction, line) = procedure.Statements[next];
            try
            {
                next = Execute(instruction, procedure, loops, next + 1);
            }
            catch (StaplRuntimeException error)
            {
                throw new StaplRuntimeException($"line {line} ({name}): {error.Message}");
            }
        }

        if (loops.Count > 0)
        {
            throw new StaplRuntimeException($"{name} ends inside the FOR loop of {loops.Peek().Variable.Name}");
        }
    }

    private CompiledProcedure Procedure(string name)
    {
        if (_procedures.TryGetValue(name, out var compiled))
        {
            return compiled;
        }

        var statements = _file.Procedures.GetValueOrDefault(name) ?? throw new StaplRuntimeException($"there is no PROCEDURE {name}");
        var parsed = statements.Select(statement => (Parsed: StaplInstructions.Parse(statement.Text), statement.Line)).ToList();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < parsed.Count; i++)
        {
            if (parsed[i].Parsed.Label is { } label && !labels.TryAdd(label, i))
            {
                throw new StaplRuntimeException($"line {parsed[i].Line}: the label {label} appears twice in {name}");
            }
        }

        return _procedures[name] = new CompiledProcedure([.. parsed.Select(p => (p.Parsed.Instruction, p.Line))], labels);
    }

    // Runs one instruction and returns the index of the next one.
    private int Execute(Instruction instruction, CompiledProcedure procedure, Stack<Loop> loops, int next)
    {
        switch (instruction)
        {
            case GotoInstruction jump:
                return procedure.Labels.TryGetValue(jump.Label, out var target) ? target : throw new StaplRuntimeException($"there is no label {jump.Label}");
            case IfInstruction condition:
                return Condition(condition.Condition) ? Execute(condition.Then, procedure, loops, next) : next;
            case ForInstruction loop:
                var iterator = IntegerVariable(loop.Variable);
                iterator.Integer = Integer(loop.Start);
                loops.Push(new Loop(iterator, Integer(loop.Stop), Integer(loop.Step), next));
                return next;
            case NextInstruction end:
                return Next(end, loops, next);
            case CallInstruction call:
                Call(call.Procedure);
                return next;
            case ExitInstruction exit:
                throw new ExitSignal(Integer(exit.Code));
            case Declaration declaration:
                Declare(declaration);
                return next;
            case Assignment assignment:
                Assign(assignment);
                return next;
            case ScanInstruction scan:
                Scan(scan);
                return next;
            case PrintInstruction print:
                _printed.Add(string.Concat(print.Items.Select(Printable)));
                return next;
            case ExportInstruction export:
                _exports.Add(new StaplExport(export.Key, export.Value is WholeArrayReference or RangeReference or ArrayLiteral
                    ? Bits(export.Value).ToArray()
                    : StaplBits.Of((uint)Integer(export.Value), 32)));
                return next;
            case FrequencyInstruction frequency:
                _ = Integer(frequency.Hertz);
                return next;
            case TimingInstruction:
                return next;
            default:
                throw new StaplRuntimeException($"cannot run {instruction}");
        }
    }

    // The player's NEXT: done when the iterator has reached the stop value, else step and go back to the loop's top.
    private static int Next(NextInstruction end, Stack<Loop> loops, int next)
    {
        if (!loops.TryPeek(out var loop) || loop.Variable.Name != end.Variable)
        {
            throw new StaplRuntimeException($"NEXT {end.Variable} does not close the innermost FOR loop");
        }

        if ((loop.Step > 0 && loop.Variable.Integer >= loop.Stop) || (loop.Step < 0 && loop.Variable.Integer <= loop.Stop))
        {
            loops.Pop();
            return next;
        }

        loop.Variable.Integer = checked(loop.Variable.Integer + loop.Step);
        return loop.Body;
    }

    private void Declare(Declaration declaration)
    {
        var name = declaration.Name;
        if (declaration.Dimension is null)
        {
            var initial = declaration.Initializer is { } text ? Evaluate(StaplExpressionParser.Parse(text)) : new StaplValue(0, StaplType.IntegerOrBoolean);
            _variables[name] = new StaplVariable(name, declaration.IsBoolean)
            {
                Integer = declaration.IsBoolean ? 0 : Typed(initial, StaplType.Integer, name).Number,
                Boolean = declaration.IsBoolean && Typed(initial, StaplType.Boolean, name).Number != 0,
            };
            return;
        }

        var size = Integer(declaration.Dimension);
        if (declaration.IsBoolean)
        {
            var bits = declaration.Initializer is { } literal
                ? StaplBits.Of(StaplBooleanArray.Parse(name, size, literal))
                : new bool[size];
            _variables[name] = new StaplVariable(name, isBoolean: true) { Booleans = bits };
            return;
        }

        var values = new int[size];
        if (declaration.Initializer is { } list)
        {
            var items = list.Split(',', StringSplitOptions.TrimEntries);
            if (items.Length != size)
            {
                throw new StaplRuntimeException($"INTEGER {name}[{size}] is given {items.Length} values");
            }

            // The player reverses an integer array's list: its first value is the highest index (reference/formats.md §1.3).
            for (var i = 0; i < size; i++)
            {
                values[size - 1 - i] = Integer(StaplExpressionParser.Parse(items[i]));
            }
        }

        _variables[name] = new StaplVariable(name, isBoolean: false) { Integers = values };
    }

    private void Assign(Assignment assignment)
    {
        switch (assignment.Target)
        {
            case VariableReference reference:
                var variable = Variable(reference.Name);
                if (variable.Booleans is not null || variable.Integers is not null)
                {
                    throw new StaplRuntimeException($"{reference.Name} is an array: assign an element or a range");
                }

                var value = Typed(Evaluate(assignment.Value), variable.IsBoolean ? StaplType.Boolean : StaplType.Integer, reference.Name);
                (variable.Integer, variable.Boolean) = variable.IsBoolean ? (0, value.Number != 0) : (value.Number, false);
                break;
            case ElementReference element:
                var array = Variable(element.Name);
                var index = Integer(element.Index);
                if (array.Booleans is { } booleans)
                {
                    CheckBounds(element.Name, booleans.Length, index);
                    booleans[index] = Typed(Evaluate(assignment.Value), StaplType.Boolean, element.Name).Number != 0;
                }
                else
                {
                    var integers = array.Integers ?? throw new StaplRuntimeException($"{element.Name} is not an array");
                    CheckBounds(element.Name, integers.Length, index);
                    integers[index] = Typed(Evaluate(assignment.Value), StaplType.Integer, element.Name).Number;
                }

                break;
            default:
                var destination = Bits(assignment.Target);
                var source = Bits(assignment.Value);
                Array.Copy(source.Bits, source.Start, destination.Bits, destination.Start, Math.Min(source.Count, destination.Count));
                break;
        }
    }

    private void Scan(ScanInstruction scan)
    {
        var length = Integer(scan.Length);
        var data = Bits(scan.Data);
        if (data.Count < length)
        {
            throw new StaplRuntimeException($"the scan shifts {length} bits but its data has {data.Count}");
        }

        var tdi = data.Bits.AsSpan(data.Start, length).ToArray();
        var tdo = scan.IsInstructionScan ? _device.ScanInstruction(tdi) : _device.ScanData(tdi);
        if (scan.Capture is { } capture)
        {
            var target = Bits(capture);
            if (target.Count < length)
            {
                throw new StaplRuntimeException($"the scan captures {length} bits into {target.Count}");
            }

            tdo.CopyTo(target.Bits, target.Start);
        }

        if (scan.Result is { } result)
        {
            var expected = Bits(scan.Expected!);
            var mask = Bits(scan.Mask!);
            var passed = true;
            for (var k = 0; k < length; k++)
            {
                passed &= !mask[k] || tdo[k] == expected[k];
            }

            var flag = Variable(result);
            flag.Boolean = flag.IsBoolean && flag.Booleans is null
                ? passed
                : throw new StaplRuntimeException($"COMPARE needs a BOOLEAN for its result, not {result}");
        }
    }

    private string Printable(Expression item) => item switch
    {
        TextLiteral text => text.Value,
        FunctionCall { Name: "CHR$" } character => ((char)Integer(character.Argument)).ToString(),
        _ => Evaluate(item).Number.ToString(CultureInfo.InvariantCulture),
    };

    private bool Condition(Expression expression) => Typed(Evaluate(expression), StaplType.Boolean, "IF").Number != 0;

    private int Integer(Expression expression) => Typed(Evaluate(expression), StaplType.Integer, "an integer expression").Number;

    private StaplValue Evaluate(Expression expression)
    {
        switch (expression)
        {
            case NumberLiteral number:
                return new StaplValue(number.Value, number.Value is 0 or 1 ? StaplType.IntegerOrBoolean : StaplType.Integer);
            case ArrayLiteral literal:
                return new StaplValue(ToInteger(Bits(literal)), StaplType.Integer);
            case VariableReference reference:
                var variable = Variable(reference.Name);
                return variable.Booleans is not null || variable.Integers is not null
                    ? throw new StaplRuntimeException($"the array {reference.Name} is used as a value")
                    : variable.IsBoolean ? new StaplValue(variable.Boolean ? 1 : 0, StaplType.Boolean) : new StaplValue(variable.Integer, StaplType.Integer);
            case ElementReference element:
                var array = Variable(element.Name);
                var index = Integer(element.Index);
                if (array.Booleans is { } booleans)
                {
                    CheckBounds(element.Name, booleans.Length, index);
                    return new StaplValue(booleans[index] ? 1 : 0, StaplType.Boolean);
                }

                var integers = array.Integers ?? throw new StaplRuntimeException($"{element.Name} is not an array");
                CheckBounds(element.Name, integers.Length, index);
                return new StaplValue(integers[index], StaplType.Integer);
            case RangeReference or WholeArrayReference:
                return new StaplValue(ToInteger(Bits(expression)), StaplType.Integer);
            case FunctionCall { Name: "INT" } call:
                return new StaplValue(Evaluate(call.Argument).Number, StaplType.Integer);
            case FunctionCall { Name: "ABS" } call:
                return new StaplValue(Math.Abs(Integer(call.Argument)), StaplType.Integer);
            case FunctionCall call:
                throw new StaplRuntimeException($"{call.Name}( ) is not a value here");
            case UnaryOperation unary:
                return Unary(unary.Operator, Evaluate(unary.Operand));
            case BinaryOperation binary:
                return Binary(binary.Operator, Evaluate(binary.Left), Evaluate(binary.Right));
            default:
                throw new StaplRuntimeException($"{expression} is not a value");
        }
    }

    private static StaplValue Unary(string symbol, StaplValue operand) => symbol switch
    {
        "-" => new StaplValue(checked(-Typed(operand, StaplType.Integer, "-").Number), StaplType.Integer),
        "~" => new StaplValue(~Typed(operand, StaplType.Integer, "~").Number, StaplType.Integer),
        _ => new StaplValue(Typed(operand, StaplType.Boolean, "!").Number == 0 ? 1 : 0, StaplType.Boolean),
    };

    // The player's typing (jamexp.c): arithmetic and ordering on integers, && || on Booleans, == and != on either.
    private static StaplValue Binary(string symbol, StaplValue left, StaplValue right)
    {
        if (symbol is "&&" or "||")
        {
            var (a, b) = (Typed(left, StaplType.Boolean, symbol).Number != 0, Typed(right, StaplType.Boolean, symbol).Number != 0);
            return Truth(symbol == "&&" ? a && b : a || b);
        }

        if (symbol is "==" or "!=" && !(left.IsInteger && right.IsInteger))
        {
            var equal = (Typed(left, StaplType.Boolean, symbol).Number != 0) == (Typed(right, StaplType.Boolean, symbol).Number != 0);
            return Truth(symbol == "==" ? equal : !equal);
        }

        var (x, y) = (Typed(left, StaplType.Integer, symbol).Number, Typed(right, StaplType.Integer, symbol).Number);
        try
        {
            return symbol switch
            {
                "==" => Truth(x == y),
                "!=" => Truth(x != y),
                "<" => Truth(x < y),
                ">" => Truth(x > y),
                "<=" => Truth(x <= y),
                ">=" => Truth(x >= y),
                "+" => new StaplValue(checked(x + y), StaplType.Integer),
                "-" => new StaplValue(checked(x - y), StaplType.Integer),
                "*" => new StaplValue(checked(x * y), StaplType.Integer),
                "/" => new StaplValue(x / y, StaplType.Integer),
                "%" => new StaplValue(x % y, StaplType.Integer),
                "&" => new StaplValue(x & y, StaplType.Integer),
                "|" => new StaplValue(x | y, StaplType.Integer),
                "^" => new StaplValue(x ^ y, StaplType.Integer),
                "<<" => new StaplValue(x << y, StaplType.Integer),
                _ => new StaplValue(x >> y, StaplType.Integer),
            };
        }
        catch (Exception error) when (error is OverflowException or DivideByZeroException)
        {
            throw new StaplRuntimeException($"{x} {symbol} {y}: {error.Message}");
        }
    }

    private static StaplValue Truth(bool value) => new(value ? 1 : 0, StaplType.Boolean);

    private static StaplValue Typed(StaplValue value, StaplType wanted, string where) =>
        (wanted == StaplType.Integer ? value.IsInteger : value.IsBoolean)
            ? value
            : throw new StaplRuntimeException($"type mismatch: {where} needs {(wanted == StaplType.Integer ? "an integer" : "a Boolean")}, not a {value.Type}");

    /// <summary>An array argument: a whole array, a range, a <c>$</c>/<c>#</c> literal or <c>BOOL(integer)</c>.</summary>
    private BitRange Bits(Expression expression)
    {
        switch (expression)
        {
            case WholeArrayReference whole:
                var all = Variable(whole.Name).BooleanArray;
                return new BitRange(all, 0, all.Length);
            case RangeReference range:
                var bits = Variable(range.Name).BooleanArray;
                var (high, low) = (Integer(range.High), Integer(range.Low));
                CheckBounds(range.Name, bits.Length, high);
                CheckBounds(range.Name, bits.Length, low);
                return high >= low
                    ? new BitRange(bits, low, high - low + 1)
                    : throw new StaplRuntimeException($"{range.Name}[{high}..{low}] counts downwards; this interpreter reads ranges high..low");
            case ArrayLiteral literal:
                return new BitRange(literal.Bits, 0, literal.Bits.Length);
            case FunctionCall { Name: "BOOL" } call:
                return new BitRange(StaplBits.Of((uint)Integer(call.Argument), 32), 0, 32);
            default:
                throw new StaplRuntimeException($"{expression} is not a Boolean array argument");
        }
    }

    private StaplVariable Variable(string name) =>
        _variables.TryGetValue(name, out var variable) ? variable : throw new StaplRuntimeException($"{name} is not declared");

    private StaplVariable IntegerVariable(string name)
    {
        var variable = Variable(name);
        return variable.IsBoolean || variable.Integers is not null ? throw new StaplRuntimeException($"the FOR variable {name} is not an INTEGER") : variable;
    }

    private static void CheckBounds(string name, int length, int index)
    {
        if (index < 0 || index >= length)
        {
            throw new StaplRuntimeException($"{name}[{index}] is outside its {length} elements");
        }
    }

    private static int ToInteger(BitRange bits)
    {
        if (bits.Count > 32)
        {
            throw new StaplRuntimeException($"{bits.Count} bits do not fit an integer");
        }

        var value = 0u;
        for (var k = 0; k < bits.Count; k++)
        {
            value |= bits[k] ? 1u << k : 0u;
        }

        return unchecked((int)value);
    }

    private sealed record CompiledProcedure((Instruction Instruction, int Line)[] Statements, Dictionary<string, int> Labels);

    private sealed record Loop(StaplVariable Variable, int Stop, int Step, int Body);

    private sealed class ExitSignal(int code) : Exception
    {
        public int Code { get; } = code;
    }
}
