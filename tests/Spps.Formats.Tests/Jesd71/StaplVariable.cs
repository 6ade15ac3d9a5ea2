namespace Spps.Formats.Tests.Jesd71;

/// <summary>The player's expression types: 0 and 1 are both an integer and a Boolean.</summary>
internal enum StaplType
{
    Integer,
    Boolean,
    IntegerOrBoolean,
}

/// <summary>A scalar value: 32-bit signed, as the player's integers; Booleans are 0 or 1.</summary>
internal readonly record struct StaplValue(int Number, StaplType Type)
{
    public bool IsInteger => Type is StaplType.Integer or StaplType.IntegerOrBoolean;

    public bool IsBoolean => Type is StaplType.Boolean or StaplType.IntegerOrBoolean;
}

/// <summary>A declared variable: an INTEGER or BOOLEAN scalar, or an array of either.</summary>
internal sealed class StaplVariable(string name, bool isBoolean)
{
    public string Name { get; } = name;

    public bool IsBoolean { get; } = isBoolean;

    public int Integer { get; set; }

    public bool Boolean { get; set; }

    public int[]? Integers { get; init; }

    public bool[]? Booleans { get; init; }

    public bool[] BooleanArray => Booleans ?? throw new StaplRuntimeException($"{Name} is not a BOOLEAN array");
}

/// <summary>A run of bits of an array or literal: <see cref="Start"/> is the least significant and is shifted first.</summary>
internal readonly record struct BitRange(bool[] Bits, int Start, int Count)
{
    public bool this[int index] => Bits[Start + index];

    public bool[] ToArray() => Bits.AsSpan(Start, Count).ToArray();
}
