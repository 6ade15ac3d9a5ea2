using Spps.Devices;
using Spps.Formats.Design;
using Spps.Formats.Keysets;
using Spps.Tcl.Commands;
using Spps.Workspace.Projects;

namespace Spps.JobManager.ProgrammingData;

/// <summary>The Programming Data area of the command reference (15.4.8.4.1–15.4.8.4.4), with <c>remove_snvm_update</c> and <c>report_prog_data</c> (ours).</summary>
public static class ProgrammingDataCommands
{
    public const string Area = "Programming Data";

    private static readonly string[] _removableKeys = ["ALL", .. KeyNames.User];

        /// <summary>The area's commands, each needing an open project.</summary>
    public static IReadOnlyList<CommandSpec> Create(ProgrammingDataService service, BitstreamService bitstreams, ProjectContext workspace) =>
        Commands(service, bitstreams).AllNeeding(Preconditions.OpenProject(workspace));

    private static IReadOnlyList<CommandSpec> Commands(ProgrammingDataService service, BitstreamService bitstreams) =>
    [
        new("new_prog_data", Area, "Creates a Programming Data entry from a JDC (design data exported from Libero).",
        [
            DataName("Programming Data entry name (letters, digits and '_').", required: true),
            OptionSpec.File("import_file", "path", "Libero design data file (JDC); it is copied into the project.", required: true),
            OptionSpec.FileName("keyset_file", "keyset_name", "Keyset file name in the keyset repository: makes the entry HSM flow, the HSM handling all keys."),
        ], (context, options) =>
        {
            var entry = service.NewProgData(options.Text("data_name"), options.Text("import_file"), options.OptionalText("keyset_file"), Directory.GetCurrentDirectory(), context.Info);
            context.Info($"Created Programming Data '{entry.Name}' for {entry.Device} (design {entry.DesignName}, version {entry.DesignVersion}) in the " +
                         (entry.IsHsmFlow ? $"HSM flow with keyset '{entry.KeysetFile}'." : "non-HSM flow."));
            return entry.Name;
        })
        {
            Example = """
            new_prog_data -data_name Board -import_file board.jdc
            new_prog_data -data_name Soc -import_file soc.jdc -keyset_file production.ks
            """,
        },
        new("set_key", Area, "Overwrites key values imported from the JDC (non-HSM flow only).",
        [
            DataName("Name of the Programming Data."),
            .. KeyNames.User.Select(key => KeyOption(key, "New value for " + key + " (64 hex digits).")),
        ], (context, options) =>
        {
            var values = GivenKeys(options);
            service.SetKeys(options.Text("data_name"), values);
            context.Info($"Set {string.Join(", ", values.Keys)} of Programming Data '{options.Text("data_name")}'.");
            return string.Empty;
        })
        {
            Example = """
            set_key -data_name Board -uek2 [string repeat C0FFEE00 8]
            """,
            Description = "Keys set here take effect whether or not set_security_overwrite is run. UEK3 exists only on M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150.",
        },
        new("remove_key", Area, "Reverts keys set with set_key to the values imported from the JDC (non-HSM flow only).",
        [
            DataName("Name of the Programming Data."),
            OptionSpec.ChoiceList("key_names", _removableKeys, "The keys to revert, or ALL.", required: true),
        ], (context, options) =>
        {
            var removed = service.RemoveKeys(options.Text("data_name"), options.List("key_names"));
            context.Info(removed.Count == 0 ? "No key was set; nothing changed." : $"Reverted {string.Join(", ", removed)} to the JDC's values.");
            return context.List(removed);
        })
        {
            Example = """
            remove_key -data_name Board -key_names UEK2
            """,
        },
        new("set_security_overwrite", Area, "Overwrites the design's security settings with those of an SPM file (both flows).",
        [
            DataName("Name of the Programming Data entry."),
            OptionSpec.File("file", "spm_file_path", "The SPM file; it is copied into the project.", required: true),
        ], (context, options) =>
        {
            service.SetSecurityOverwrite(options.Text("data_name"), options.Text("file"), Directory.GetCurrentDirectory());
            context.Info($"Programming Data '{options.Text("data_name")}' now takes its security policy from the SPM file.");
            return string.Empty;
        })
        {
            Example = """
            set_security_overwrite -data_name Board -file board.spm
            """,
            Description = "The policy always comes from the SPM. Keys: non-HSM flow, keys set with set_key win, the others come from the SPM; HSM flow, keys always come from the keyset.",
        },
        new("remove_security_overwrite", Area, "Removes the security overwrite; fails when none is set.",
        [
            DataName("Name of the Programming Data entry."),
        ], (context, options) =>
        {
            service.RemoveSecurityOverwrite(options.Text("data_name"));
            context.Info($"Programming Data '{options.Text("data_name")}' uses the JDC's security settings again.");
            return string.Empty;
        })
        {
            Example = """
            remove_security_overwrite -data_name Board
            """,
        },
        new("set_new_keys_for_rotation", Area, "Sets the new key values of the key rotation flow (SmartFusion 2 and IGLOO 2).",
        [
            DataName("Name of the Programming Data."),
            OptionSpec.FileName("keyset_file", "keyset_name", "Keyset with the new key values (HSM flow only)."),
            .. KeyNames.User.Select(key => KeyOption(key, "New value for " + key + " (non-HSM flow only; 64 hex digits).")),
        ], (context, options) =>
        {
            service.SetNewKeysForRotation(options.Text("data_name"), options.OptionalText("keyset_file"), GivenKeys(options), context.Info);
            context.Info($"Set the new keys for rotation of Programming Data '{options.Text("data_name")}'.");
            return string.Empty;
        })
        {
            Example = """
            set_new_keys_for_rotation -data_name Board -uek1 [string repeat 11 32]
            """,
        },
        new("set_envm_update", Area, "Replaces the content of an eNVM client with a memory file (SmartFusion 2, IGLOO 2, PolarFire SoC).",
        [
            DataName("Programming data entry name."),
            OptionSpec.EntryName("client_name", "client", "Name of the target eNVM client.", required: true),
            OptionSpec.File("file", "file_path", "Client update data: Intel HEX, Motorola S-records or raw binary, addresses relative to the client.", required: true),
            OptionSpec.YesNo("overwrite", "Replace an update already set for the client.", defaultValue: "NO"),
        ], (context, options) => SetUpdate(service, MemoryKind.Envm, context, options))
        {
            Example = """
            set_envm_update -data_name Board -client_name IMEM -file firmware.hex
            """,
        },
        new("remove_envm_update", Area, "Reverts eNVM clients to the content of the JDC.",
        [
            DataName("Programming data entry name."),
            OptionSpec.EntryName("client_name", "client", "The client to revert."),
            OptionSpec.YesNo("all", "Revert every client. Default YES when no client is named."),
        ], (context, options) => RemoveUpdates(service, MemoryKind.Envm, context, options))
        {
            Example = """
            remove_envm_update -data_name Board -client_name IMEM
            """,
        },
        new("set_snvm_update", Area, "Replaces the content of an sNVM client with a memory file (PolarFire, PolarFire SoC).",
        [
            DataName("Programming data entry name."),
            OptionSpec.EntryName("client_name", "client", "Name of the target sNVM client.", required: true),
            OptionSpec.File("file", "file_path", "Client update data: Intel HEX, Motorola S-records or raw binary, addresses relative to the client.", required: true),
            OptionSpec.YesNo("overwrite", "Replace an update already set for the client.", defaultValue: "NO"),
        ], (context, options) => SetUpdate(service, MemoryKind.Snvm, context, options))
        {
            Example = """
            set_snvm_update -data_name Soc -client_name CAL -file calibration.hex
            """,
        },
        new("remove_snvm_update", Area, "Reverts sNVM clients to the content of the JDC (our addition, the sNVM twin of remove_envm_update).",
        [
            DataName("Programming data entry name."),
            OptionSpec.EntryName("client_name", "client", "The client to revert."),
            OptionSpec.YesNo("all", "Revert every client. Default YES when no client is named."),
        ], (context, options) => RemoveUpdates(service, MemoryKind.Snvm, context, options))
        {
            Example = """
            remove_snvm_update -data_name Soc -all YES
            """,
        },
        new("init_bitstream", Area, "Defines a bitstream of a Programming Data entry; it is generated at export from the entry as it is then.",
        [
            DataName("Name of the Programming Data entry."),
            OptionSpec.EntryName("bitstream_name", "bitstream name", "Name of the bitstream (without path or extension), unique in the entry.", required: true),
            OptionSpec.Choice("bitstream_type", [.. BitstreamTypes.Names, "INITIATOR"], "Bitstream type; INITIATOR is another name for MASTER.", required: true),
            OptionSpec.ChoiceList("features", ["ALL", "FABRIC", "ENVM", "SNVM", "SECURITY"], "Features to program; security is always part of a MASTER bitstream.", defaultValue: "ALL"),
            OptionSpec.Choice("use_protocol", ["AUTH_CODE", "UNIQUE_KEY", "ONE_TIME_PASSCODE"], "HSM protocol; AUTH_CODE by default for an HSM MASTER, ONE_TIME_PASSCODE for DEBUG."),
            OptionSpec.ChoiceList("unique_key_types", [.. KeyNames.User], "Per-device keys of the UNIQUE_KEY protocol."),
            OptionSpec.Text("envm_clients", "eNVM client selection", "eNVM clients to program (a Tcl list); default all."),
            OptionSpec.Text("snvm_clients", "sNVM client selection", "sNVM clients to program (a Tcl list); default all."),
            OptionSpec.Boolean("generate_coc", "Generate and export Certificates of Conformance (HSM flow)."),
            OptionSpec.Choice("auth_keymode", ["DFK", "KFPE", "KFP", "KUP", "KUPE", "UEK1", "UEK2"], "Key mode of the authorization component (HSM MASTER: by device; DEBUG: UEK1 or UEK2)."),
            OptionSpec.Boolean("enable_key_rotation", "Make a MASTER bitstream that leaves user keys updatable by key rotation."),
            OptionSpec.Flag("auto_inc_design_version", "Increase the design version in each key rotation file (default: the JDC's auto-update setting)."),
            OptionSpec.Choice("first_keymode", ["UEK1", "UEK2", "UEK3"], "Key mode of the first key rotation file."),
            OptionSpec.Boolean("enable_passkey_export", "Include plain UPK values (non-HSM flow) so erase and verify work on a secured device."),
        ], (context, options) =>
        {
            var bitstream = service.InitBitstream(options.Text("data_name"), new BitstreamRequest
            {
                Name = options.Text("bitstream_name"),
                Type = options.Text("bitstream_type"),
                Features = options.List("features"),
                Protocol = options.OptionalText("use_protocol"),
                UniqueKeyTypes = options.List("unique_key_types"),
                EnvmClients = options.OptionalText("envm_clients") is { } envm ? context.Interpreter.SplitList(envm) : null,
                SnvmClients = options.OptionalText("snvm_clients") is { } snvm ? context.Interpreter.SplitList(snvm) : null,
                GenerateCoc = options.OptionalBoolean("generate_coc"),
                AuthKeyMode = options.OptionalText("auth_keymode"),
                EnableKeyRotation = options.OptionalBoolean("enable_key_rotation"),
                AutoIncrementDesignVersion = options.OptionalBoolean("auto_inc_design_version"),
                FirstKeyMode = options.OptionalText("first_keymode"),
                EnablePasskeyExport = options.OptionalBoolean("enable_passkey_export"),
            });
            context.Info($"Defined {bitstream.Type} bitstream '{bitstream.Name}' of Programming Data '{options.Text("data_name")}' " +
                         $"({string.Join(' ', bitstream.Features)}{(bitstream.Protocol is { } protocol ? ", " + protocol : string.Empty)}" +
                         $"{(bitstream.AuthKeyMode is { } mode ? ", " + mode : string.Empty)}); it is generated at export.");
            return bitstream.Name;
        })
        {
            Example = """
            init_bitstream -data_name Board -bitstream_name Initiator \
                -bitstream_type MASTER -enable_passkey_export TRUE
            init_bitstream -data_name Soc -bitstream_name Initiator \
                -bitstream_type MASTER -use_protocol AUTH_CODE -auth_keymode KFPE
            """,
        },
        new("export_bitstream_file", Area, "Generates a bitstream from the Programming Data as it is now and writes it as STAPL, DAT and/or SPI files.",
        [
            DataName("Name of the programming data."),
            OptionSpec.EntryName("bitstream_name", "bitstream_name", "Name of the bitstream entry to export.", required: true),
            OptionSpec.ChoiceList("formats", ["STAPL", "DAT", "SPI"], "The formats to write, one file each.", required: true),
            OptionSpec.Path("export_path", "path", "Complete file path without extension; each format adds its own (.stp, .dat, .spi).", required: true),
            OptionSpec.Text("dsn", "dsn_value", "Device serial number (32 hex digits) for a per-device UEK1/2/3 update file."),
        ], (context, options) =>
        {
            var files = bitstreams.ExportBitstream(options.Text("data_name"), options.Text("bitstream_name"), options.List("formats"),
                options.Text("export_path"), options.OptionalText("dsn"), Directory.GetCurrentDirectory(), context.Warning, context.Info,
                context.Cancellation, context.Progress);
            foreach (var file in files)
            {
                context.Info($"Wrote '{file}'.");
            }

            return context.List(files);
        })
        {
            Example = """
            export_bitstream_file -data_name Board -bitstream_name Initiator \
                -formats {STAPL DAT SPI} -export_path bitstreams/board_Initiator
            """,
            Description = "KEY_ROTATION bitstreams give an ordered set of files named <path>_rotate_<n>_uks<k>. In the HSM flow the U-HSM " +
                          "encrypts the files; MASTER and DEBUG bitstreams of the HSM flow are exported in jobs, not as files.",
        },
        new("report_prog_data", Area, "Shows a Programming Data entry: device, flow, clients, updates and overrides (never key values).",
        [
            DataName("Name of the Programming Data."),
        ], (context, options) => ProgrammingDataReport.Print(service, options.Text("data_name"), context))
        {
            Example = """
            report_prog_data -data_name Board
            """,
        },
    ];

    private static OptionSpec DataName(string help, bool required = true) => OptionSpec.EntryName("data_name", "name", help, required);

    private static OptionSpec KeyOption(string key, string help) =>
        OptionSpec.Text(KeyNames.OptionName(key), KeyNames.OptionName(key) + "_value", help) with { Secret = true };

    private static Dictionary<string, string> GivenKeys(ParsedOptions options) =>
        KeyNames.User.Where(key => options.Has(KeyNames.OptionName(key)))
            .ToDictionary(key => key, key => options.Text(KeyNames.OptionName(key)), StringComparer.Ordinal);

    private static string SetUpdate(ProgrammingDataService service, MemoryKind kind, CommandContext context, ParsedOptions options)
    {
        service.SetMemoryUpdate(kind, options.Text("data_name"), options.Text("client_name"), options.Text("file"), options.IsTrue("overwrite"), Directory.GetCurrentDirectory());
        context.Info($"The {kind.Display()} client '{options.Text("client_name")}' of Programming Data '{options.Text("data_name")}' will be programmed from '{options.Text("file")}'.");
        return string.Empty;
    }

    private static string RemoveUpdates(ProgrammingDataService service, MemoryKind kind, CommandContext context, ParsedOptions options)
    {
        var removed = service.RemoveMemoryUpdates(kind, options.Text("data_name"), options.OptionalText("client_name"), options.OptionalBoolean("all"));
        context.Info(removed.Count == 0 ? $"No {kind.Display()} update was set; nothing changed." : $"Reverted {string.Join(", ", removed)} to the JDC's content.");
        return context.List(removed);
    }
}
