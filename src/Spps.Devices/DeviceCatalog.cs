namespace Spps.Devices;

/// <summary>
/// Every die and orderable device of SmartFusion 2, IGLOO 2, PolarFire and PolarFire SoC. Facts come from
/// reference/domain.md §7 and reference/formats.md §6; the values no public source gives are ours, marked on each
/// die and explained in docs/devices.md. Names are matched case-insensitively.
/// </summary>
public static class DeviceCatalog
{
    private const int Kilobyte = 1024;
    private const int SnvmPages = 221; // 56,576 bytes in 256-byte pages

    private static readonly string[] _g4Suffixes = ["", "S", "T", "TS"];
    private static readonly string[] _g5Suffixes = ["T", "TS", "TL", "TLS"];

    public static IReadOnlyList<Die> Dies { get; } = BuildDies();

    public static IReadOnlyList<DeviceVariant> Variants { get; } = BuildVariants();

    private static readonly Dictionary<string, DeviceVariant> _byName =
        Variants.Concat(Dies.Where(die => Variants.All(v => v.Name != die.Name)).Select(die => new DeviceVariant(die.Name, die)))
            .ToDictionary(variant => variant.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The device (or die) of that name, in any letter case.</summary>
    /// <exception cref="UnknownDeviceException">No such name; the exception lists the closest valid ones.</exception>
    public static DeviceVariant Find(string name) =>
        _byName.TryGetValue(name.Trim(), out var variant) ? variant : throw new UnknownDeviceException(name, ClosestNames.To(name, _byName.Keys));

    public static bool TryFind(string name, out DeviceVariant? variant) => _byName.TryGetValue(name.Trim(), out variant);

    /// <summary>The dies whose IDCODE matches (a SmartFusion 2 die and its IGLOO 2 twin share one).</summary>
    public static IReadOnlyList<Die> ByIdCode(uint idCode) => [.. Dies.Where(die => (idCode & die.IdCodeMask) == die.IdCode)];

    private static List<Die> BuildDies()
    {
        var dies = new List<Die>();
        // SmartFusion 2 and IGLOO 2 (G4): the IDCODEs are public (DirectC, FlashPro STAPL files); the twins share a die.
        (string Size, uint IdCode, int EnvmKb, int FabricBytes)[] g4 =
        [
            ("005", 0x0F8051CF, 128, 300_000), ("010", 0x0F8031CF, 256, 560_000), ("025", 0x0F8041CF, 256, 1_100_000),
            ("050", 0x0F8021CF, 256, 2_000_000), ("060", 0x0F8081CF, 256, 2_400_000), ("090", 0x0F8071CF, 512, 3_500_000),
            ("150", 0x0F8061CF, 512, 6_000_000),
        ];
        foreach (var (prefix, family) in new[] { ("M2S", DeviceFamily.SmartFusion2), ("M2GL", DeviceFamily.Igloo2) })
        {
            foreach (var (size, idCode, envmKb, fabric) in g4)
            {
                var large = size is "060" or "090" or "150";
                dies.Add(new Die
                {
                    Name = prefix + size, Family = family, IdCode = idCode, EnvmBytes = envmKb * Kilobyte, SnvmPages = 0,
                    HasUek3 = large, HasFactoryEccKey = large, FabricBytes = fabric,
                    OurValues = new HashSet<string> { "EnvmBytes", "FabricBytes" },
                });
            }
        }

        // PolarFire and PolarFire SoC (G5): only MPF300 and MPFS095 IDCODEs are public; the others follow the family
        // pattern (IDCODE & 0x0FFF0000) == 0x0F810000 with part numbers of our choosing.
        (string Name, DeviceFamily Family, uint IdCode, bool PublicIdCode, int EnvmKb, int FabricBytes)[] g5 =
        [
            ("MPF050", DeviceFamily.PolarFire, 0x0F8151CF, false, 0, 3_000_000),
            ("MPF100", DeviceFamily.PolarFire, 0x0F8111CF, false, 0, 5_500_000),
            ("MPF200", DeviceFamily.PolarFire, 0x0F8121CF, false, 0, 8_500_000),
            ("MPF300", DeviceFamily.PolarFire, 0x0F8131CF, true, 0, 11_000_000),
            ("MPF500", DeviceFamily.PolarFire, 0x0F8141CF, false, 0, 16_500_000),
            ("MPFS025", DeviceFamily.PolarFireSoc, 0x0F8171CF, false, 128, 2_800_000),
            ("MPFS095", DeviceFamily.PolarFireSoc, 0x0F8181CF, true, 128, 5_600_000),
            ("MPFS160", DeviceFamily.PolarFireSoc, 0x0F8191CF, false, 128, 8_000_000),
            ("MPFS250", DeviceFamily.PolarFireSoc, 0x0F81A1CF, false, 128, 11_000_000),
            ("MPFS460", DeviceFamily.PolarFireSoc, 0x0F81B1CF, false, 128, 17_000_000),
        ];
        foreach (var (name, family, idCode, publicIdCode, envmKb, fabric) in g5)
        {
            var ours = new HashSet<string> { "SnvmPages", "FabricBytes", "MaxTckMhz" };
            if (!publicIdCode)
            {
                ours.Add("IdCode");
            }

            if (envmKb > 0)
            {
                ours.Add("EnvmBytes");
            }

            dies.Add(new Die
            {
                Name = name, Family = family, IdCode = idCode, EnvmBytes = envmKb * Kilobyte, SnvmPages = SnvmPages,
                HasUek3 = false, HasFactoryEccKey = true, FabricBytes = fabric, OurValues = ours,
            });
        }

        return dies;
    }

    private static List<DeviceVariant> BuildVariants()
    {
        var variants = new List<DeviceVariant>();
        foreach (var die in Dies)
        {
            var suffixes = die.Family.IsG4()
                ? (die.Name.EndsWith("005", StringComparison.Ordinal) ? ["", "S"] : _g4Suffixes)
                : die.Name == "MPF300" ? [.. _g5Suffixes, "XT"] : _g5Suffixes;
            variants.AddRange(suffixes.Select(suffix => new DeviceVariant(die.Name + suffix, die)));
        }

        // Engineering samples named in public material (DirectC device codes, tool examples).
        foreach (var (name, die) in new[] { ("M2S050T_ES", "M2S050"), ("MPF300T_ES", "MPF300"), ("MPF300TS_ES", "MPF300"), ("MPFS250T_ES", "MPFS250"), ("MPFS250TS_ES", "MPFS250") })
        {
            variants.Add(new DeviceVariant(name, Dies.First(d => d.Name == die)));
        }

        return variants;
    }
}
