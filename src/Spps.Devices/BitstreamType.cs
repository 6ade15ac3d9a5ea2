namespace Spps.Devices;

/// <summary>
/// The bitstream types of <c>init_bitstream -bitstream_type</c>; the value is the code a bitstream's header carries.
/// </summary>
public enum BitstreamType : byte
{
    TrustedFacility = 1,
    Master = 2,
    Uek1 = 3,
    Uek2 = 4,
    Uek3 = 5,
    KeyRotation = 6,
    Debug = 7,
}

/// <summary>The bitstream types by the names the command reference gives them (<c>TRUSTED_FACILITY</c>, <c>UEK1</c>, …).</summary>
public static class BitstreamTypes
{
    private static readonly Dictionary<string, BitstreamType> _byName = new(StringComparer.Ordinal)
    {
        ["TRUSTED_FACILITY"] = BitstreamType.TrustedFacility, ["MASTER"] = BitstreamType.Master, ["UEK1"] = BitstreamType.Uek1,
        ["UEK2"] = BitstreamType.Uek2, ["UEK3"] = BitstreamType.Uek3, ["KEY_ROTATION"] = BitstreamType.KeyRotation, ["DEBUG"] = BitstreamType.Debug,
    };

    /// <summary>Every type's name, in the command reference's order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. _byName.Keys];

    public static string Name(this BitstreamType type) => _byName.First(pair => pair.Value == type).Key;

    /// <summary>The type of a name the command reference gives, or null when it gives none such.</summary>
    public static BitstreamType? FromName(string name) => _byName.TryGetValue(name, out var type) ? type : null;

    /// <summary>The type of a header's code, or null when no type has that code.</summary>
    public static BitstreamType? FromCode(byte code) => Enum.IsDefined((BitstreamType)code) ? (BitstreamType)code : null;

    /// <summary>UEK1, UEK2 and UEK3 bitstreams update a device under the user key of their name.</summary>
    public static bool IsUpdate(this BitstreamType type) => type is BitstreamType.Uek1 or BitstreamType.Uek2 or BitstreamType.Uek3;
}
