using Spps.Devices;
using Spps.Formats.Production;
using Spps.Formats.Tests.Production;

namespace Spps.Formats.Tests.Fuzzing;

public class ProductionFuzzTests
{
    private static bool IsFormatError(Exception error) => error is ProductionFormatException;

    [Fact]
    public void Mutated_device_certificates_give_only_the_production_error()
    {
        using var device = new ProductionSamples();
        Fuzzer.Run(new FuzzTarget("device certificate", [device.Certificate.ToBytes()],
            (bytes, source) => DeviceCertificate.Read(bytes, source).Verify(device.Factory.CaPublicKey, source), IsFormatError) { Source = "fuzzed.cert" },
            seed: 1401, count: 1500);
    }

    [Fact]
    public void Mutated_user_key_statements_give_only_the_production_error()
    {
        using var device = new ProductionSamples();
        Fuzzer.Run(new FuzzTarget("user key statement", [device.Statement.ToBytes()],
            (bytes, source) => UserKeyStatement.Read(bytes, source).Verify(device.Certificate, source), IsFormatError) { Source = "fuzzed.statement" },
            seed: 1402, count: 1500);
    }

    [Fact]
    public void Mutated_challenges_give_only_the_production_error()
    {
        using var device = new ProductionSamples();
        Fuzzer.Run(new FuzzTarget("device challenge", [device.Challenge.ToBytes()], (bytes, source) => DeviceChallenge.Read(bytes, source), IsFormatError)
        {
            Source = "fuzzed.challenge",
        }, seed: 1403, count: 1500);
    }

    [Fact]
    public void Mutated_authorisation_codes_give_only_the_production_error()
    {
        using var device = new ProductionSamples();
        using var entries = ProductionSamples.Entries([1, 2, 3]);
        byte[][] seeds = [.. new[] { KeyMode.Dfk, KeyMode.Kfp, KeyMode.Kupe }.Select(mode =>
            AuthorizationCode.Seal(AuthorizedAction.Program, mode, device.Challenge, device.RecipientFor(mode), entries).ToBytes())];
        Fuzzer.Run(new FuzzTarget("authorisation code", seeds, (bytes, source) =>
        {
            var code = AuthorizationCode.Read(bytes, source);
            code.Open(device.Challenge, device.HolderFor(code.KeyMode), source).Dispose();
        }, IsFormatError) { Source = "fuzzed.auth" }, seed: 1404, count: 1500);
    }

    [Fact]
    public void Mutated_named_entries_give_only_the_production_error()
    {
        using var entries = ProductionSamples.Entries([1, 2, 3]);
        entries.AddText("TYPE", "MASTER");
        Fuzzer.Run(new FuzzTarget("named entries", [entries.Encode()], (bytes, source) => NamedEntries.Read(bytes, source).Dispose(), IsFormatError)
        {
            Source = "fuzzed.entries",
        }, seed: 1405, count: 3000);
    }

    [Fact]
    public void Mutated_certificates_of_conformance_give_only_the_production_error()
    {
        var key = new byte[32];
        var dsn = Dsn.FromBytes(new byte[16]);
        byte[][] seeds = [CertificateOfConformance.Compute(key, dsn, 1, []).ToBytes(), CertificateOfConformance.Compute(key, dsn, 9, [new byte[32], new byte[32]]).ToBytes()];
        Fuzzer.Run(new FuzzTarget("certificate of conformance", seeds, (bytes, source) => CertificateOfConformance.Read(bytes, source).Verify(key, source), IsFormatError)
        {
            Source = "fuzzed.coc",
        }, seed: 1406, count: 2000);
    }

    [Fact]
    public void Mutated_factory_files_give_only_the_production_error()
    {
        using var folder = new TemporaryFolder();
        using var factory = DeviceFactory.Create();
        var seedPath = folder.Combine("seed.json");
        DeviceFactoryFile.Write(factory, seedPath);
        var path = folder.Combine("fuzzed.json");
        Fuzzer.Run(new FuzzTarget("device factory file", [File.ReadAllBytes(seedPath)], (bytes, _) =>
        {
            File.WriteAllBytes(path, bytes);
            DeviceFactoryFile.Read(path).Dispose();
        }, IsFormatError)
        {
            Source = path,
            StructuredMutations = [JsonMutations.Mutation],
        }, seed: 1407, count: 600);
    }
}
