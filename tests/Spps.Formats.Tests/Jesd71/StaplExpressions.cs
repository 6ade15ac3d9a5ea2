using System.Globalization;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests.Jesd71;

/// <summary>An expression of a STAPL statement, as parsed once and evaluated each time the statement runs.</summary>
internal abstract record Expression;

internal sealed record NumberLiteral(int Value) : Expression;

/// <summary>A <c>$</c> (hex) or <c>#</c> (binary) literal, written most significant digit first; decoded once.</summary>
internal sealed record ArrayLiteral(string Digits, bool IsHex) : Expression
{
    public bool[] Bits { get; } = StaplBits.Of(StaplBooleanArray.Parse("literal", IsHex ? Digits.Length * 4 : Digits.Length, (IsHex ? "$" : "#") + Digits));
}

internal sealed record TextLiteral(string Value) : Expression;

internal sealed record VariableReference(string Name) : Expression;

/// <summary><c>A[i]</c>.</summary>
internal sealed record ElementReference(string Name, Expression Index) : Expression;

/// <summary><c>A[hi..lo]</c>: bit <c>lo</c> is the least significant and is shifted first.</summary>
internal sealed record RangeReference(string Name, Expression High, Expression Low) : Expression;

/// <summary><c>A[]</c>: the whole array.</summary>
internal sealed record WholeArrayReference(string Name) : Expression;

internal sealed record FunctionCall(string Name, Expression Argument) : Expression;

internal sealed record UnaryOperation(string Operator, Expression Operand) : Expression;

internal sealed record BinaryOperation(string Operator, Expression Left, Expression Right) : Expression;

/// <summary>
/// Parses STAPL expressions with C's precedence (the player's grammar): <c>|| &amp;&amp; | ^ &amp; == != &lt; &gt; &lt;=
/// &gt;= &lt;&lt; &gt;&gt; + - * / %</c>, unary <c>! ~ -</c>, function calls, array elements and ranges.
/// </summary>
internal sealed class StaplExpressionParser(List<Token> tokens, string statement)
{
    private static readonly string[][] _levels =
        [["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="], ["<<", ">>"], ["+", "-"], ["*", "/", "%"]];

    private int _position;

    public Token Current => tokens[_position];

    public bool AtEnd => Current.Kind == TokenKind.End;

    public static Expression Parse(string text)
    {
        var parser = new StaplExpressionParser(StaplTokens.Of(text), text);
        var expression = parser.Expression();
        parser.ExpectEnd();
        return expression;
    }

    public Expression Expression() => Level(0);

    public bool TryTake(string symbol)
    {
        if (Current.Kind == TokenKind.Symbol && Current.Value == symbol)
        {
            _position++;
            return true;
        }

        return false;
    }

    public void Expect(string symbol)
    {
        if (!TryTake(symbol))
        {
            throw Error($"'{symbol}' expected");
        }
    }

    public string Name()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Error("a name expected");
        }

        return tokens[_position++].Value;
    }

    public void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw Error("unexpected text");
        }
    }

    public StaplRuntimeException Error(string reason) =>
        new($"{reason} at '{Current.Value}' in '{statement}'");

    private Expression Level(int level)
    {
        if (level == _levels.Length)
        {
            return Unary();
        }

        var left = Level(level + 1);
        while (Current.Kind == TokenKind.Symbol && _levels[level].Contains(Current.Value))
        {
            var symbol = tokens[_position++].Value;
            left = new BinaryOperation(symbol, left, Level(level + 1));
        }

        return left;
    }

    private Expression Unary() =>
        Current.Kind == TokenKind.Symbol && Current.Value is "!" or "~" or "-"
            ? new UnaryOperation(tokens[_position++].Value, Unary())
            : Primary();

    private Expression Primary()
    {
        var token = tokens[_position++];
        switch (token.Kind)
        {
            case TokenKind.Number:
                return int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    ? new NumberLiteral(value)
                    : throw Error($"the number {token.Value} does not fit 32 bits");
            case TokenKind.Hex or TokenKind.Binary:
                return new ArrayLiteral(token.Value, token.Kind == TokenKind.Hex);
            case TokenKind.Text:
                return new TextLiteral(token.Value);
            case TokenKind.Symbol when token.Value == "(":
                var inner = Expression();
                Expect(")");
                return inner;
            case TokenKind.Name when TryTake("("):
                var argument = Expression();
                Expect(")");
                return new FunctionCall(token.Value, argument);
            case TokenKind.Name when TryTake("["):
                if (TryTake("]"))
                {
                    return new WholeArrayReference(token.Value);
                }

                var first = Expression();
                if (TryTake(".."))
                {
                    var low = Expression();
                    Expect("]");
                    return new RangeReference(token.Value, first, low);
                }

                Expect("]");
                return new ElementReference(token.Value, first);
            case TokenKind.Name:
                return new VariableReference(token.Value);
            default:
                _position--;
                throw Error("an expression expected");
        }
    }
}
