using System.Text.Json;
using Spps.Formats.Files;
using Spps.Hsm;
using Spps.Hsm.Server;

namespace Spps.Cli.Hsm;

/// <summary>
/// <c>spps-hsm</c>: administers a software HSM module and serves it. Exit codes: 0 success, 1 the HSM refused
/// (the message says why), 2 usage error.
/// </summary>
internal static class Program
{
    private const string Usage =
        """
        Usage:
          spps-hsm init   --store DIR [--u-hsm-uuid U] [--u-master-hsm-uuid M] [--m-hsm-uuid H]
          spps-hsm info   --store DIR [--json]
          spps-hsm enroll --store DIR --out FILE [--name CLIENT]
          spps-hsm serve  --store DIR [--listen 127.0.0.1:7400] [--certificate FILE.pfx [--certificate-password P]]

        A software HSM with the user (U-HSM) and manufacturer (M-HSM) roles. 'init' creates a module (UUIDs not given
        are random); 'enroll' issues a client credential file; 'serve' answers signed requests over HTTP (TLS is
        required on any address other than loopback). Clients read their credential from SPPS_HSM_CREDENTIAL, else
        from $JOBMANAGER_HOME/hsm-credential.
        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                Console.Out.WriteLine(Usage);
                return args.Length == 0 ? 2 : 0;
            }

            var rest = args[1..];
            switch (args[0])
            {
                case "init":
                    Init(new Arguments(rest, ["--store", "--u-hsm-uuid", "--u-master-hsm-uuid", "--m-hsm-uuid"], []));
                    return 0;
                case "info":
                    Info(new Arguments(rest, ["--store"], ["--json"]));
                    return 0;
                case "enroll":
                    Enroll(new Arguments(rest, ["--store", "--out", "--name"], []));
                    return 0;
                case "serve":
                    await Serve(new Arguments(rest, ["--store", "--listen", "--certificate", "--certificate-password"], [])).ConfigureAwait(false);
                    return 0;
                default:
                    throw new UsageException($"unknown command '{args[0]}' (expecting init, info, enroll or serve). Try 'spps-hsm --help'.");
            }
        }
        catch (UsageException error)
        {
            await Console.Error.WriteLineAsync($"spps-hsm: {error.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (HsmException error)
        {
            await Console.Error.WriteLineAsync($"spps-hsm: {error.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            await Console.Error.WriteLineAsync($"spps-hsm: {error.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void Init(Arguments arguments)
    {
        var module = HsmModule.Create(Path.GetFullPath(arguments.Required("--store")),
            arguments.Optional("--u-hsm-uuid"), arguments.Optional("--u-master-hsm-uuid"), arguments.Optional("--m-hsm-uuid"));
        Console.Out.WriteLine($"Created HSM module in '{module.Folder}'.");
        PrintIdentity(module);
    }

    private static void Info(Arguments arguments)
    {
        var module = HsmModule.Open(Path.GetFullPath(arguments.Required("--store")));
        var info = module.Info();
        if (arguments.Has("--json"))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["u_hsm_uuid"] = info.UHsmUuid,
                ["u_master_hsm_uuid"] = info.UMasterHsmUuid,
                ["m_hsm_uuid"] = info.MHsmUuid,
                ["roles"] = info.Roles,
                ["created"] = info.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["enrolled_clients"] = info.EnrolledClients,
                ["audit_entries"] = info.AuditEntries,
            }, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        Console.Out.WriteLine($"HSM module in '{module.Folder}'");
        PrintIdentity(module);
        Console.Out.WriteLine($"roles:             {string.Join(", ", info.Roles)}");
        Console.Out.WriteLine($"enrolled clients:  {info.EnrolledClients}");
        Console.Out.WriteLine($"audit entries:     {info.AuditEntries}");
    }

    private static void Enroll(Arguments arguments)
    {
        var output = Path.GetFullPath(arguments.Required("--out"));
        if (File.Exists(output))
        {
            throw new UsageException($"--out '{output}' already exists; a credential is never overwritten.");
        }

        var module = HsmModule.Open(Path.GetFullPath(arguments.Required("--store")));

        // The credential file is made before the client is enrolled, so an output that cannot be written changes nothing in the module.
        FileStream? file = null;
        var problem = OutputPath.TryWrite(output, OutputKind.File, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            file = HsmCredential.CreateFile(output);
        });
        using (file ?? throw new IOException($"cannot write '{output}': {problem}."))
        {
            try
            {
                var credential = module.Enroll(arguments.Optional("--name") ?? $"{Environment.UserName}@{Environment.MachineName}");
                credential.WriteTo(file);
                Console.Out.WriteLine($"Enrolled client {credential.ClientId}; its credential is in '{output}' (keep it private).");
            }
            catch
            {
                file.Dispose();
                File.Delete(output); // no credential file without its enrolment
                throw;
            }
        }
    }

    private static async Task Serve(Arguments arguments)
    {
        var module = HsmModule.Open(Path.GetFullPath(arguments.Required("--store")));
        var listen = arguments.Optional("--listen") ?? $"127.0.0.1:{Spps.Hsm.Protocol.HsmOperation.DefaultPort}";
        await using var server = await HsmServer.StartAsync(module, listen, arguments.Optional("--certificate"),
            arguments.Optional("--certificate-password"), Console.Out).ConfigureAwait(false);
        Console.Out.WriteLine($"Serving HSM module {module.Identity.UHsmUuid} on {server.Address} (Ctrl+C to stop).");
        await server.WaitForShutdownAsync().ConfigureAwait(false);
    }

    private static void PrintIdentity(HsmModule module)
    {
        Console.Out.WriteLine($"u_hsm_uuid:        {module.Identity.UHsmUuid}");
        Console.Out.WriteLine($"u_master_hsm_uuid: {module.Identity.UMasterHsmUuid}");
        Console.Out.WriteLine($"m_hsm_uuid:        {module.Identity.MHsmUuid}");
    }
}
