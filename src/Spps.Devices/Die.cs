namespace Spps.Devices;

/// <summary>
/// One silicon die and the facts every rule depends on. Values that no public source gives are ours and say so in
/// <see cref="OurValues"/> (listed with their reasons in docs/devices.md).
/// </summary>
public sealed record Die
{
    public required string Name { get; init; }

    public required DeviceFamily Family { get; init; }

    /// <summary>The JTAG IDCODE with the revision nibble cleared.</summary>
    public required uint IdCode { get; init; }

    /// <summary>Bits compared when checking an IDCODE: all but the revision nibble.</summary>
    public uint IdCodeMask => 0x0FFFFFFF;

    /// <summary>Every die of these families has an 8-bit instruction register.</summary>
    public int IrLength => 8;

    /// <summary>
    /// The highest JTAG clock in MHz: 30, as Libero's job for an M2GL025 gives it. PolarFire and PolarFire SoC take the
    /// same value, ours (listed in <see cref="OurValues"/>).
    /// </summary>
    public int MaxTckMhz => 30;

    /// <summary>Embedded NVM in bytes; 0 when the die has none.</summary>
    public required int EnvmBytes { get; init; }

    /// <summary>Secure NVM pages (256 bytes each); 0 when the die has none.</summary>
    public required int SnvmPages { get; init; }

    public int SnvmBytes => SnvmPages * SnvmPageBytes;

    public const int SnvmPageBytes = 256;

    /// <summary>Whether the die has the third user encryption key.</summary>
    public required bool HasUek3 { get; init; }

    /// <summary>Whether the die has a factory ECC key pair (KFP/KFPE key modes).</summary>
    public required bool HasFactoryEccKey { get; init; }

    /// <summary>A realistic size of the fabric configuration data, used for generated design data.</summary>
    public required int FabricBytes { get; init; }

    /// <summary>Which of the values above are our own choice, not a public fact.</summary>
    public required IReadOnlySet<string> OurValues { get; init; }

    public bool HasEnvm => EnvmBytes > 0;

    public bool HasSnvm => SnvmPages > 0;

    /// <summary>Key modes <c>init_bitstream -auth_keymode</c> accepts for an Initiator bitstream of the HSM flow.</summary>
    public IReadOnlyList<string> AuthKeyModes => HasFactoryEccKey ? ["KFP", "KFPE", "KUP", "KUPE"] : ["DFK"];

    /// <summary>The mode used when <c>-auth_keymode</c> is not given; none where the command reference makes it required.</summary>
    public string? DefaultAuthKeyMode => HasFactoryEccKey ? null : "DFK";

    public string IdCodeText => IdCode.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
}
