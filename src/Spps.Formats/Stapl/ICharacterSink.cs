namespace Spps.Formats.Stapl;

/// <summary>Where the characters of a compressed STAPL array go as they are made: a literal being written, or a buffer.</summary>
internal interface ICharacterSink
{
    void Write(ReadOnlySpan<byte> characters);
}
