namespace Spps.Devices;

/// <summary>An orderable device name (e.g. M2GL090TS, MPF300T_ES) and the die it is built on.</summary>
public sealed record DeviceVariant(string Name, Die Die)
{
    /// <summary>Engineering-sample parts (suffix _ES).</summary>
    public bool IsEngineeringSample => Name.EndsWith("_ES", StringComparison.Ordinal);

    /// <summary>Data-security variants (an S in the suffix).</summary>
    public bool IsDataSecurity => Name[Die.Name.Length..].Replace("_ES", string.Empty, StringComparison.Ordinal).Contains('S', StringComparison.Ordinal);
}
