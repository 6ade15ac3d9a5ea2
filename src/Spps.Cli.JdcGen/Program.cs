using System.Globalization;
using Spps.Devices;
using Spps.Formats.CommandLines;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.Formats.Files;
using Spps.Formats.Memory;

namespace Spps.Cli.JdcGen;

/// <summary>
/// <c>jdcgen</c>: makes design data (JDC) and security settings (SPM) for any supported die, deterministic for a
/// seed. Exit codes: 0 success, 1 the inputs are refused (the message says why), 2 usage error or a malformed
/// <c>SOURCE_DATE_EPOCH</c> (which, when set, is the creation time written into the file).
/// </summary>
internal static class Program
{
    private const string Usage =
        """
        Usage:
          jdcgen -die <die> -design <name> -version <n> [options] -o <file.jdc>
          jdcgen -spm -die <die> [-keys random|none] [-seed <n>] [policy options] -o <file.spm>

        Design options:
          -envm_client <name>:<bytes>[:<file>]                      an eNVM client (repeatable); content from a memory file or the seed
          -snvm_client <name>:<bytes>[:plain|auth|encrypted][:<file>] an sNVM client (repeatable); default kind plain
          -fabric_file <file>      fabric data (default: seeded data of the die's realistic size)
          -package <package>       default VF400 (SmartFusion 2, IGLOO 2) or FCG1152 (PolarFire, PolarFire SoC)
          -back_level <n>          default 0 (at most the design version)
          -auto_update             the design uses the auto-update flow
          -silicon_signature <hex> 8 hexadecimal digits, default 00000000
          -keys random|none        plaintext user keys in the file (default random, from the seed)
          -seed <n>                seed of all generated content and keys (default 1)

        Policy options (JDC and SPM):
          -user_keys <list>        user key sets programmed, of UEK1,UEK2,UEK3 (default UEK1)
          -update_protect <list>   components whose update needs a passkey, of fabric,envm,snvm (default none)
          -debug_lock  -jtag_lock  -back_level_protection  -permanent

        Memory files for clients: Intel HEX, Motorola S-records or raw binary; addresses are offsets in the client.
        Dies: any SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC device name, e.g. M2S010, M2GL090TS, MPF300T, MPFS250T.
        Environment: SOURCE_DATE_EPOCH (seconds since 1970, UTC) is the creation time written into the file, for reproducible output.
        """;

    private static readonly string[] _valued = ["-die", "-design", "-version", "-fabric_file", "-package", "-back_level", "-silicon_signature", "-keys", "-seed", "-user_keys", "-update_protect", "-o"];
    private static readonly string[] _repeatable = ["-envm_client", "-snvm_client"];
    private static readonly string[] _flags = ["-spm", "-auto_update", "-debug_lock", "-jtag_lock", "-back_level_protection", "-permanent"];

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-help" or "-h")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var clock = OutputClock.FromEnvironment();
            var options = new Options(args, _valued, _repeatable, _flags);
            var output = Path.GetFullPath(options.Required("-o"));
            var bytes = options.Has("-spm") ? Spm(options, clock) : Jdc(options, clock);
            if (OutputPath.TryWrite(output, OutputKind.File, () => File.WriteAllBytes(output, bytes)) is { } problem)
            {
                Console.Error.WriteLine($"jdcgen: cannot write '{output}': {problem}.");
                return 1;
            }

            Console.Out.WriteLine($"Wrote {output} ({bytes.Length} bytes).");
            return 0;
        }
        catch (Exception error) when (error is UsageException or SourceDateEpochException)
        {
            Console.Error.WriteLine($"jdcgen: {error.Message}");
            return 2;
        }
        catch (Exception error) when (error is UnknownDeviceException or ContainerException or MemoryFileException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"jdcgen: {error.Message}");
            return 1;
        }
    }

    private static byte[] Jdc(Options options, TimeProvider clock)
    {
        var device = DeviceCatalog.Find(options.Required("-die"));
        var version = options.Integer("-version", -1, 0, 65535);
        if (version < 0)
        {
            throw new UsageException("-version is required.");
        }

        var request = new DesignRequest
        {
            Device = device.Name,
            DesignName = options.Required("-design"),
            DesignVersion = version,
            BackLevel = options.Integer("-back_level", 0, 0, 65535),
            AutoUpdate = options.Has("-auto_update"),
            Package = options.Optional("-package"),
            SiliconSignature = SiliconSignature(options.Optional("-silicon_signature")),
            Seed = options.Integer("-seed", 1, 0, int.MaxValue),
            RandomKeys = RandomKeys(options),
            Policy = Policy(options),
            EnvmClients = [.. options.All("-envm_client").Select(EnvmClient)],
            SnvmClients = [.. options.All("-snvm_client").Select(SnvmClient)],
            Fabric = options.Optional("-fabric_file") is { } fabric ? File.ReadAllBytes(fabric) : null,
        };
        var (design, fabricData) = DesignGenerator.Generate(request);
        return JdcFile.ToBytes(design, fabricData, "jdcgen", clock.UtcNowToTheSecond());
    }

    private static byte[] Spm(Options options, TimeProvider clock)
    {
        var device = DeviceCatalog.Find(options.Required("-die"));
        var seed = options.Integer("-seed", 1, 0, int.MaxValue);
        var keys = RandomKeys(options)
            ? KeyNames.User.Where(name => name != "UEK3" || device.Die.HasUek3).ToDictionary(name => name, name => SeededBytes.Generate(seed, "spm-key:" + name, KeyNames.KeyBytes))
            : [];
        return SpmFile.ToBytes(new SecurityOverwrite(device.Name, Policy(options), keys), "jdcgen", clock.UtcNowToTheSecond());
    }

    private static bool RandomKeys(Options options) => (options.Optional("-keys") ?? "random") switch
    {
        "random" => true,
        "none" => false,
        var other => throw new UsageException($"-keys '{other}' is not random or none."),
    };

    private static SecurityPolicy Policy(Options options)
    {
        var keys = List(options.Optional("-user_keys") ?? "UEK1", ["UEK1", "UEK2", "UEK3"], "-user_keys");
        var protect = List(options.Optional("-update_protect") ?? string.Empty, ["fabric", "envm", "snvm"], "-update_protect");
        return new SecurityPolicy
        {
            Uek1Enabled = keys.Contains("UEK1"),
            Uek2Enabled = keys.Contains("UEK2"),
            Uek3Enabled = keys.Contains("UEK3"),
            FabricUpdateProtected = protect.Contains("fabric"),
            EnvmUpdateProtected = protect.Contains("envm"),
            SnvmUpdateProtected = protect.Contains("snvm"),
            DebugLocked = options.Has("-debug_lock"),
            JtagLocked = options.Has("-jtag_lock"),
            BackLevelProtection = options.Has("-back_level_protection"),
            Permanent = options.Has("-permanent"),
        };
    }

    private static HashSet<string> List(string text, string[] allowed, string option)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = items.FirstOrDefault(item => !allowed.Contains(item, StringComparer.OrdinalIgnoreCase));
        return unknown is null
            ? items.Select(item => allowed.First(a => a.Equals(item, StringComparison.OrdinalIgnoreCase))).ToHashSet()
            : throw new UsageException($"{option}: '{unknown}' is not one of {string.Join(", ", allowed)}.");
    }

    private static (string, int, byte[]?) EnvmClient(string text)
    {
        var parts = text.Split(':', 3);
        var (name, size) = NameAndSize(parts, text, "-envm_client");
        return (name, size, parts.Length == 3 ? MemoryFileReader.Read(parts[2]).ToClientContent(name, size, parts[2]) : null);
    }

    private static (string, int, SnvmClientKind, byte[]?) SnvmClient(string text)
    {
        var parts = text.Split(':', 4);
        var (name, size) = NameAndSize(parts, text, "-snvm_client");
        var kind = SnvmClientKind.Plain;
        var file = parts.Length == 4 ? parts[3] : null;
        if (parts.Length >= 3)
        {
            kind = parts[2] switch
            {
                "plain" => SnvmClientKind.Plain,
                "auth" => SnvmClientKind.Authenticated,
                "encrypted" => SnvmClientKind.Encrypted,
                _ when parts.Length == 3 => Kindless(parts[2], out file),
                _ => throw new UsageException($"-snvm_client '{text}': the kind '{parts[2]}' is not plain, auth or encrypted."),
            };
        }

        return (name, size, kind, file is null ? null : MemoryFileReader.Read(file).ToClientContent(name, size, file));
    }

    // name:bytes:file with no kind: the third field is the file.
    private static SnvmClientKind Kindless(string field, out string? file)
    {
        file = field;
        return SnvmClientKind.Plain;
    }

    private static (string Name, int Size) NameAndSize(string[] parts, string text, string option) =>
        parts.Length >= 2 && parts[0].Length > 0 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? (parts[0], size)
            : throw new UsageException($"{option} '{text}' is not <name>:<bytes>[:...] with a positive size.");

    private static uint SiliconSignature(string? text) =>
        text is null ? 0
        : text.Length == 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value
        : throw new UsageException($"-silicon_signature '{text}' is not 8 hexadecimal digits.");
}
