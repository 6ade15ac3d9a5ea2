using System.Buffers;

namespace Spps.Devices;

/// <summary>A device serial number: 128 bits, written as 32 hexadecimal digits (DirectC prints it so).</summary>
public sealed class Dsn : IEquatable<Dsn>
{
    public const int Bytes = 16;

    // A job status parses the DSN of each of up to 100,000 uses: checked in one vectorised pass.
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly byte[] _value;

    private Dsn(byte[] value) => _value = value;

    /// <summary>The DSN written as <paramref name="text"/> (exactly 32 hexadecimal digits, either case), or null.</summary>
    public static Dsn? TryParse(string text) => text.Length == 2 * Bytes && !text.AsSpan().ContainsAnyExcept(HexDigits) ? new Dsn(Convert.FromHexString(text)) : null;

    /// <summary>The DSN given with option <paramref name="option"/>; anything but 32 hexadecimal digits is refused, naming it.</summary>
    public static Dsn Parse(string text, string option) => TryParse(text)
        ?? throw new DomainException($"{option}: Invalid argument value: '{text}' (expecting a device serial number of {2 * Bytes} hexadecimal digits).",
            "BADVALUE", "-" + option, text);

    public static Dsn FromBytes(ReadOnlySpan<byte> value) => value.Length == Bytes
        ? new Dsn(value.ToArray())
        : throw new ArgumentException($"A DSN has {Bytes} bytes, not {value.Length}.", nameof(value));

    /// <summary>A copy of the 16 bytes, for a header or a key derivation.</summary>
    public byte[] ToArray() => _value.ToArray();

    /// <summary>Writes the 16 bytes into <paramref name="destination"/>, for a derivation that runs per device without allocating.</summary>
    public void CopyTo(Span<byte> destination) => _value.CopyTo(destination);

    public bool Equals(Dsn? other) => other is not null && _value.AsSpan().SequenceEqual(other._value);

    public override bool Equals(object? obj) => Equals(obj as Dsn);

    public override int GetHashCode() => BitConverter.ToInt32(_value);

    /// <summary>The 32 hexadecimal digits, upper case.</summary>
    public override string ToString() => Convert.ToHexString(_value);
}
