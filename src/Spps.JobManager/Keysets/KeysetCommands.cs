using Spps.Devices;
using Spps.Formats.Keysets;
using Spps.Tcl.Commands;
using Spps.Workspace.Settings;

namespace Spps.JobManager.Keysets;

/// <summary>The Keyset Management area of the command reference (15.4.8.2), and <c>report_keyset</c> (ours).</summary>
public static class KeysetCommands
{
    public const string Area = "Keyset Management";

    public static IReadOnlyList<CommandSpec> Create(KeysetService service, SettingsStore settings) =>
    [
        new CommandSpec("create_keyset", Area, "Creates a new keyset file in the keyset repository, its keys generated or imported by the U-HSM.",
        [
            OptionSpec.FileName("file", "output_file_name", "Name of the new keyset file: a name only, created in the keyset repository.", required: true),
            OptionSpec.FileName("source_file", "source_file_name", "Existing keyset in the repository to copy (its ticket key must be under this U-HSM's master key)."),
            .. SeedOrder().Select(KeyOption),
        ], (context, options) =>
        {
            var values = KeyNames.Keyset.Where(key => options.Has(KeyNames.OptionName(key)))
                .ToDictionary(key => key, key => options.Text(KeyNames.OptionName(key)), StringComparer.Ordinal);
            return service.Create(options.Text("file"), options.OptionalText("source_file"), values, context.Info);
        })
        {
            Example = """
            create_keyset -file production.ks
            """,
            Description =
                "Without -source_file a fresh ticket key protects the keys: all random, or the given ones imported and the rest random. " +
                "With -source_file the new file gets the source's keys and ticket key, the given keys replacing the source's. " +
                "Key values are 64 hexadecimal digits, in plain text. An existing file is never overwritten, renamed or deleted. " +
                "The result is the new file's path.",
        }.Needing(Preconditions.Hsm(settings), Preconditions.KeysetRepository(settings)),
        new CommandSpec("report_keyset", Area, "Shows a keyset's identity and which keys it holds, never their values.",
        [
            OptionSpec.FileName("file", "keyset_name", "Name of a keyset file in the keyset repository.", required: true),
        ], (context, options) =>
        {
            var report = service.Report(options.Text("file"));
            var created = report.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            context.Print(
                $"Keyset file: {report.Path}\n" +
                $"Keyset id:   {report.KeysetId}\n" +
                $"Master key:  {report.MasterKeyUuid}\n" +
                $"Created:     {created} by {report.Creator}\n" +
                $"Token keys:  {string.Join(' ', report.TokenKeys)}\n" +
                $"Base keys:   {string.Join(' ', report.BaseKeys)}");
            return context.List(["file", report.Path, "keyset_id", report.KeysetId, "master_key_uuid", report.MasterKeyUuid,
                "created", created, "token_keys", context.List(report.TokenKeys), "base_keys", context.List(report.BaseKeys)]);
        })
        {
            Example = """
            report_keyset -file production.ks
            """,
            Description = "Our addition to the command set. The result is a dict with the keys file, keyset_id, master_key_uuid, created, token_keys and base_keys.",
        }.Needing(Preconditions.KeysetRepository(settings)),
    ];

    // The command reference lists each token key followed by its base key: -kip -upk1 -upk1_base -uek1 -uek1_base ...
    private static IEnumerable<string> SeedOrder() =>
        KeyNames.Token.SelectMany(key => KeyNames.Base.Contains(KeyNames.BaseOf(key)) ? new[] { key, KeyNames.BaseOf(key) } : [key]);

    private static OptionSpec KeyOption(string key)
    {
        var isBase = key.EndsWith("_BASE", StringComparison.Ordinal);
        var help = isBase
            ? $"Base key from which per-device {key[..^5]} values are derived (64 hex digits)."
            : $"Token key {key} to import (64 hex digits).";
        return OptionSpec.Text(KeyNames.OptionName(key), isBase ? "base_key" : "token_key", help) with { Secret = true };
    }
}
