using Spps.Tcl.Commands;
using Spps.Workspace.Settings;

namespace Spps.JobManager.Application;

/// <summary>The Application area of the command reference (15.4.8.1).</summary>
public static class ApplicationCommands
{
    public const string Area = "Application";

    private const string NotSet = "(not set)";

    public static IReadOnlyList<CommandSpec> Create(ApplicationService service) =>
    [
        new("set_hsm_params", Area, "Saves the HSM parameters for the Job Manager; they stay in effect until set again.",
        [
            OptionSpec.Text("hsm_server_name", "hsm_server", "Name or IP address of the HSM server, with an optional :port; 'local' runs the HSM embedded.", required: true) with { AllowEmpty = true },
            OptionSpec.Text("u_hsm_uuid", "u_uuid", "User HSM UUID."),
            OptionSpec.Text("u_master_hsm_uuid", "u_master_uuid", "User HSM Master UUID (names the master key that protects keysets)."),
            OptionSpec.Path("hsm_key_set_dir", "keyset_dir", "Keyset repository: the folder where keyset files are created and read. Created if missing."),
            OptionSpec.Text("m_hsm_uuid", "m_uuid", "Manufacturer HSM UUID."),
        ], (context, options) =>
        {
            service.SetHsmParameters(
                options.Text("hsm_server_name"),
                options.OptionalText("u_hsm_uuid"),
                options.OptionalText("u_master_hsm_uuid"),
                options.OptionalText("hsm_key_set_dir"),
                options.OptionalText("m_hsm_uuid"),
                Directory.GetCurrentDirectory());
            context.Info($"HSM parameters saved to '{service.Settings.FilePath}'.");
            return string.Empty;
        })
        {
            Example = """
            set_hsm_params -hsm_server_name local -hsm_key_set_dir keysets \
                -u_hsm_uuid 1b4e28ba-2fa1-41d2-883f-0016d3cca427 \
                -u_master_hsm_uuid 6fa459ea-ee8a-4ca4-894e-db77e160355e \
                -m_hsm_uuid 16fd2706-8baf-433b-82eb-8c7fada847da
            """,
            Description = "Options not given keep their saved values. A relative keyset folder is saved as an absolute path.",
        },
        new("get_software_info", Area, "Prints the Job Manager software information.",
        [
            OptionSpec.Flag("version", "Print only the software version."),
        ], (context, options) =>
        {
            var info = SoftwareInfo.Describe(context.Interpreter.PatchLevel, service.Settings.FilePath);
            if (options.IsTrue("version"))
            {
                context.Print(info.Version);
                return info.Version;
            }

            var hsm = service.Settings.Load();
            var fields = new (string Key, string Label, string Value)[]
            {
                ("name", "Name", info.Name),
                ("version", "Version", info.Version),
                ("tcl", "Tcl", info.TclVersion),
                ("runtime", "Runtime", info.Runtime),
                ("settings_file", "Settings file", info.SettingsFile),
                ("hsm_server_name", "HSM server", hsm.HsmServerName ?? NotSet),
                ("u_hsm_uuid", "U-HSM UUID", hsm.UHsmUuid ?? NotSet),
                ("u_master_hsm_uuid", "U-HSM master UUID", hsm.UMasterHsmUuid ?? NotSet),
                ("m_hsm_uuid", "M-HSM UUID", hsm.MHsmUuid ?? NotSet),
                ("hsm_key_set_dir", "Keyset repository", hsm.KeysetDirectory ?? NotSet),
            };
            var width = fields.Max(field => field.Label.Length) + 1;
            context.Print(string.Join('\n', fields.Select(field => (field.Label + ":").PadRight(width) + " " + field.Value)));
            return context.List(fields.SelectMany(field => new[] { field.Key, field.Value }));
        })
        {
            Example = """
            get_software_info -version
            """,
            Description = "Also shows the saved HSM parameters. Without -version the result is a dict with the keys name, version, tcl, runtime, settings_file, " +
                          "hsm_server_name, u_hsm_uuid, u_master_hsm_uuid, m_hsm_uuid and hsm_key_set_dir (\"(not set)\" for parameters never set).",
        },
    ];
}
