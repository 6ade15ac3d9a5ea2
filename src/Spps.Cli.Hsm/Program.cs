using System.Text.Json;
using Spps.Formats.CommandLines;
using Spps.Formats.Files;
using Spps.Formats.Production;
using Spps.Hsm;
using Spps.Hsm.Server;
using Spps.Hsm.Worlds;

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
          spps-hsm world   --out FILE
          spps-hsm init    --store DIR [--world FILE] [--factory FILE] [--u-hsm-uuid U] [--u-master-hsm-uuid M] [--m-hsm-uuid H]
          spps-hsm info    --store DIR [--json]
          spps-hsm enroll  --store DIR --out FILE [--name CLIENT] [--role user|manufacturer]
          spps-hsm clients --store DIR [--json]
          spps-hsm revoke  --store DIR --client ID
          spps-hsm serve   --store DIR [--listen 127.0.0.1:7400] [--certificate FILE.pfx [--certificate-password P]]

        A software HSM with the user (U-HSM) and manufacturer (M-HSM) roles. 'world' makes a private security world:
        its root key goes to FILE (mode 0600), a secret whoever holds can add modules to the world. 'init' creates a
        module (UUIDs not given are random) in the world of --world FILE, or in the published development world,
        which offers no security. Modules trust each other's job requests and replies only within one world. Its
        M-HSM serves the devices of the factory in --factory FILE (made by 'spps-bench factory --out FILE'), or of the
        published development factory, which offers no security either.
        'enroll' issues a client credential file for one role (default user); 'clients' lists the enrolled clients
        (id, name, role, enrolment time); 'revoke' removes one, whose credential is then refused from its next request
        on, also by a server already running; 'serve' answers signed requests over HTTP (TLS is required on any address
        other than loopback). Clients read their credential from SPPS_HSM_CREDENTIAL, else from
        $JOBMANAGER_HOME/hsm-credential.
        """;

    private static readonly SubcommandProgram _program = new("spps-hsm", Usage,
    [
        new("world", World, ["--out"], []),
        new("init", Init, ["--store", "--world", "--factory", "--u-hsm-uuid", "--u-master-hsm-uuid", "--m-hsm-uuid"], []),
        new("info", Info, ["--store"], ["--json"]),
        new("enroll", Enroll, ["--store", "--out", "--name", "--role"], []),
        new("clients", Clients, ["--store"], ["--json"]),
        new("revoke", Revoke, ["--store", "--client"], []),
        new("serve", Serve, ["--store", "--listen", "--certificate", "--certificate-password"], []),
    ]);

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await _program.RunAsync(args, Console.Out).ConfigureAwait(false);
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

    private static void World(CommandLine arguments)
    {
        var output = Path.GetFullPath(arguments.Required("--out"));
        if (File.Exists(output))
        {
            throw new UsageException($"--out '{output}' already exists; a world root is never overwritten.");
        }

        var problem = OutputPath.TryWrite(output, OutputKind.File, () => Directory.CreateDirectory(Path.GetDirectoryName(output)!));
        if (problem is not null)
        {
            throw new IOException($"cannot write '{output}': {problem}.");
        }

        using var root = WorldRoot.Create();
        root.Save(output);
        Console.Out.WriteLine($"Created security world {root.World.Id}; its root key is in '{output}' (mode 0600).");
        Console.Out.WriteLine("Keep that file secret and offline: whoever holds it can add modules to the world. Join modules with 'spps-hsm init --world FILE'.");
    }

    private static void Init(CommandLine arguments)
    {
        // The world and factory files are read before anything is created, so a bad one leaves no store behind.
        using var world = arguments.Optional("--world") is { } path ? WorldRoot.Load(Path.GetFullPath(path)) : null;
        using var factory = arguments.Optional("--factory") is { } factoryPath ? ReadFactory(Path.GetFullPath(factoryPath)) : null;
        var module = HsmModule.Create(Path.GetFullPath(arguments.Required("--store")),
            arguments.Optional("--u-hsm-uuid"), arguments.Optional("--u-master-hsm-uuid"), arguments.Optional("--m-hsm-uuid"), world, factory);
        Console.Out.WriteLine($"Created HSM module in '{module.Folder}'.");
        PrintIdentity(module);
    }

    private static DeviceFactory ReadFactory(string path)
    {
        try
        {
            return DeviceFactoryFile.Read(path);
        }
        catch (ProductionFormatException error)
        {
            throw new HsmException("FACTORY", $"--factory: {error.Message}");
        }
    }

    private static void Info(CommandLine arguments)
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
                ["world"] = info.WorldId,
                ["development_world"] = info.DevelopmentWorld,
                ["factory"] = info.FactoryId,
                ["development_factory"] = info.DevelopmentFactory,
                ["roles"] = info.Roles,
                ["created"] = UtcTime.Text(info.Created),
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

    private static void Enroll(CommandLine arguments)
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
                var role = arguments.Optional("--role") ?? CertifiedKey.UserRole;
                var credential = module.Enroll(arguments.Optional("--name") ?? $"{Environment.UserName}@{Environment.MachineName}", role);
                credential.WriteTo(file);
                Console.Out.WriteLine($"Enrolled client {credential.ClientId} for the {role} role; its credential is in '{output}' (keep it private).");
            }
            catch
            {
                file.Dispose();
                File.Delete(output); // no credential file without its enrolment
                throw;
            }
        }
    }

    private static void Clients(CommandLine arguments)
    {
        var module = HsmModule.Open(Path.GetFullPath(arguments.Required("--store")));
        var clients = module.Clients();
        if (arguments.Has("--json"))
        {
            Console.Out.WriteLine(ClientList.Json(clients));
        }
        else if (clients.Count == 0)
        {
            Console.Out.WriteLine($"No client is enrolled with the HSM module in '{module.Folder}' ('spps-hsm enroll' enrolls one).");
        }
        else
        {
            foreach (var line in ClientList.Table(clients))
            {
                Console.Out.WriteLine(line);
            }
        }
    }

    private static void Revoke(CommandLine arguments)
    {
        var clientId = arguments.Required("--client");
        var revoked = HsmModule.Open(Path.GetFullPath(arguments.Required("--store"))).Revoke(clientId);
        Console.Out.WriteLine($"Revoked client {revoked.Id} ({revoked.Name}), role {revoked.Role}: its credential is refused from its next request on.");
    }

    private static async Task Serve(CommandLine arguments)
    {
        var module = HsmModule.Open(Path.GetFullPath(arguments.Required("--store")));
        var listen = arguments.Optional("--listen") ?? $"127.0.0.1:{Spps.Hsm.Protocol.HsmOperation.DefaultPort}";
        await using var server = await HsmServer.StartAsync(module, listen, arguments.Optional("--certificate"),
            arguments.Optional("--certificate-password"), Console.Out).ConfigureAwait(false);
        Console.Out.WriteLine(ServerLogLine.At(DateTimeOffset.UtcNow, $"Serving HSM module {module.Identity.UHsmUuid} on {server.Address} (Ctrl+C or SIGTERM to stop)."));
        await server.WaitForShutdownAsync().ConfigureAwait(false);
        Console.Out.WriteLine(ServerLogLine.At(DateTimeOffset.UtcNow, "stopped"));
    }

    private static void PrintIdentity(HsmModule module)
    {
        Console.Out.WriteLine($"u_hsm_uuid:        {module.Identity.UHsmUuid}");
        Console.Out.WriteLine($"u_master_hsm_uuid: {module.Identity.UMasterHsmUuid}");
        Console.Out.WriteLine($"m_hsm_uuid:        {module.Identity.MHsmUuid}");
        Console.Out.WriteLine($"world:             {module.World.Describe()}");
        if (module.World.IsDevelopment)
        {
            Console.Out.WriteLine("Warning: this module is in the development world, whose root is published: its job requests and replies protect nothing. " +
                                  "For production, make a private world ('spps-hsm world --out FILE') and create modules in it ('spps-hsm init --world FILE').");
        }

        Console.Out.WriteLine($"device factory:    {module.Factory.Description}");
        if (module.Factory.IsDevelopment)
        {
            Console.Out.WriteLine("Warning: this module serves the development device factory, whose seed is published: anyone can make devices it accepts and derive their factory keys. " +
                                  "For production, make a private factory ('spps-bench factory --out FILE') and a module that serves it ('spps-hsm init --factory FILE').");
        }
    }
}
