using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Dat;
using Spps.Formats.Design;
using Spps.Formats.Files;
using Spps.Formats.Keysets;
using Spps.Formats.Stapl;
using Spps.JobManager.Application;
using Spps.JobManager.Keysets;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// Bitstream generation: <c>export_bitstream_file</c>, and the bitstreams of job targets, generated from the
/// Programming Data as it is at export time and sealed with plain keys (non-HSM flow) or by the U-HSM (HSM flow).
/// </summary>
/// <param name="clock">The time written into exported files (<c>OutputClock</c>: <c>SOURCE_DATE_EPOCH</c> when set).</param>
public sealed partial class BitstreamService(ProgrammingDataStore store, KeysetRepository keysets, HsmConnector connector, TimeProvider clock)
{
    private const string Creator = "SPPS Job Manager";

    /// <summary>
    /// Generates a bitstream (or, for KEY_ROTATION, its ordered set of files) and writes it in each format. All files are
    /// written beside their targets first and renamed into place only when every one is written, so a refusal or a
    /// failure writes nothing. Returns the files written. <paramref name="cancellation"/> is checked before the
    /// bitstream is generated, before each file and while each is written; each file is a step for <paramref name="progress"/>.
    /// </summary>
    public IReadOnlyList<string> ExportBitstream(string dataName, string bitstreamName, IReadOnlyList<string> formats, string exportPath, string? dsn,
        string currentFolder, Action<string> warn, Action<string> info, CancellationToken cancellation = default, IProgress<WorkStep>? progress = null)
    {
        var entry = store.Entry(dataName);
        var bitstream = Bitstream(entry, bitstreamName);
        var path = Path.GetFullPath(exportPath, currentFolder);
        if (Path.GetExtension(path).ToLowerInvariant() is ".stp" or ".dat" or ".spi")
        {
            throw new DomainException($"export_path: Invalid argument value: '{exportPath}' (expecting a path without extension: each format adds its own).", "BADVALUE", "-export_path", exportPath);
        }

        // Each format adds its extension to the path, so a folder given here would get hidden files such as '<folder>/.dat'.
        if (Path.EndsInDirectorySeparator(exportPath) || Directory.Exists(path))
        {
            throw new DomainException(
                $"export_path: Invalid argument value: '{exportPath}' (expecting a file path without extension, such as '<folder>/board'; this names a folder).",
                "BADVALUE", "-export_path", exportPath);
        }

        Writable.Check(path); // before generating: a bitstream of the HSM flow is sealed (and audited) by the U-HSM
        var dsnBytes = dsn is null ? null : ParseDsn(dsn);
        CheckExportable(entry, bitstream, dsnBytes, "it cannot be a file. Program it in a job with an HSM task (add_hsmtask_to_job, export_hsmtask) instead.");
        var steps = new WorkSteps($"Exporting bitstream '{bitstreamName}' of Programming Data '{dataName}'", cancellation, progress);
        steps.Next("generating the bitstream");
        var (effective, files) = Generate(entry, bitstream, dsnBytes, info);
        var created = clock.LocalNowToTheSecond();
        var outputs = new List<(string Path, Action<Stream> Write)>();
        foreach (var (plan, built) in files)
        {
            var target = path + plan.FileSuffix;
            foreach (var format in formats)
            {
                outputs.Add(format switch
                {
                    "STAPL" => (target + ".stp", stream => StaplProgramWriter.Write(stream, StaplImage(entry, effective, plan, built, created))),
                    "DAT" => (target + ".dat", stream => DatFile.Write(stream, BitstreamFiles.Dat(built, plan.Header, effective, bitstream), Creator)),
                    _ => (target + ".spi", stream => stream.Write(BitstreamFiles.Spi(built))),
                });
            }
        }

        steps.Total = outputs.Count + 1;

        foreach (var existing in outputs.Select(output => output.Path).Where(File.Exists))
        {
            warn($"Replacing the existing file '{existing}'.");
        }

        AtomicFile.WriteAll([.. outputs.Select(output => (output.Path, Step(output.Path, output.Write, steps)))], cancellation: cancellation);
        return [.. outputs.Select(output => output.Path)];
    }

    // A file's writing, reported as a step when it starts.
    private static Action<Stream> Step(string path, Action<Stream> write, WorkSteps steps) => stream =>
    {
        steps.Next($"writing '{Path.GetFileName(path)}'");
        write(stream);
    };

    /// <summary>
    /// Generates a bitstream from the entry as it is now, once the rules of init_bitstream hold for it again: one built
    /// bitstream, or the ordered files of a key rotation, each encrypted by its sealer (plain keys in the non-HSM flow,
    /// the U-HSM in the HSM flow).
    /// </summary>
    private (EffectiveDesign Effective, IReadOnlyList<(BitstreamPlan Plan, BuiltBitstream Built)> Files) Generate(
        ProgrammingDataEntry entry, BitstreamEntry bitstream, byte[]? dsn, Action<string> info)
    {
        var project = store.Project;
        var effective = store.Effective(entry.Name);
        BitstreamRules.CheckAgain(bitstream, entry, effective);
        var plans = bitstream.Type == "KEY_ROTATION"
            ? KeyRotationPlanner.Plan(effective, bitstream, NewKeyNames(entry, effective.Die))
            : [BitstreamPlanner.Plan(effective, bitstream, bitstream.Features.Contains("FABRIC") ? store.Fabric(entry, effective.Design) : [], dsn)];
        if (plans.Count == 0)
        {
            throw new DomainException($"The new keys for rotation of Programming Data '{entry.Name}' change no user key set: set them with set_new_keys_for_rotation.", "NOROTATIONKEYS", entry.Name);
        }

        return (effective, [.. plans.Zip(Seal(entry, effective, plans, info))]);
    }

    internal static BitstreamEntry Bitstream(ProgrammingDataEntry entry, string bitstreamName) =>
        entry.Bitstreams.Find(b => b.Name == bitstreamName) ?? throw new DomainException(
            $"Programming Data '{entry.Name}' has no bitstream '{bitstreamName}' (its bitstreams: {(entry.Bitstreams.Count == 0 ? "none; define one with init_bitstream" : string.Join(", ", entry.Bitstreams.Select(b => b.Name)))}).",
            "NOBITSTREAM", bitstreamName);

    private static byte[] ParseDsn(string dsn) => Dsn.Parse(dsn, "dsn").ToArray();

    // What can be a file: the non-HSM flow's bitstreams, and the HSM flow's update and key rotation bitstreams.
    private static void CheckExportable(ProgrammingDataEntry entry, BitstreamEntry bitstream, byte[]? dsn, string hsmOnlyConsequence)
    {
        CheckDsn(entry, bitstream, dsn);
        if (entry.IsHsmFlow && bitstream.Type is "MASTER" or "DEBUG")
        {
            throw new DomainException(
                $"'{bitstream.Name}' is a {bitstream.Type} bitstream of the HSM flow: its keys are applied by the M-HSM when each device is programmed, so " + hsmOnlyConsequence, "HSMJOBONLY", bitstream.Name);
        }

        if (entry.IsHsmFlow && bitstream.Type is "UEK1" or "UEK2" or "UEK3" && dsn is null && BitstreamPlanner.IsPerDevice(bitstream, bitstream.Type))
        {
            throw new DomainException(
                $"'{bitstream.Name}' encrypts with per-device {bitstream.Type} values (UNIQUE_KEY): give -dsn <32 hex digits> to make one device's file, " +
                "or program it in a job with an HSM task, where the M-HSM derives each device's key.", "NEEDSDSN", bitstream.Name);
        }
    }

    // -dsn makes a per-device update file of the HSM flow.
    private static void CheckDsn(ProgrammingDataEntry entry, BitstreamEntry bitstream, byte[]? dsn)
    {
        if (dsn is not null && !entry.IsHsmFlow)
        {
            throw new DomainException(
                $"-dsn makes a per-device update file of the HSM flow, where the U-HSM derives the device's keys; Programming Data '{entry.Name}' is in the non-HSM flow.",
                "BADVALUE", "-dsn");
        }

        if (dsn is not null && bitstream.Type is not ("UEK1" or "UEK2" or "UEK3"))
        {
            throw new DomainException($"-dsn applies to UEK1, UEK2 and UEK3 update bitstreams; '{bitstream.Name}' is a {bitstream.Type} bitstream.", "BADVALUE", "-dsn");
        }
    }

    // A rotation keyset replaces every key the device's key sets hold; set_new_keys_for_rotation values only those given.
    private static IReadOnlyCollection<string> NewKeyNames(ProgrammingDataEntry entry, Die die) => entry.RotationKeysetFile is not null
        ? KeyRotationSequence.RotatableKeys(die.HasUek3 ? 3 : 2)
        : entry.RotationKeys.Keys;

    // Each plan encrypted by its sealer: plain keys in the non-HSM flow, the U-HSM (one connection for all) in the HSM flow.
    private IReadOnlyList<BuiltBitstream> Seal(ProgrammingDataEntry entry, EffectiveDesign effective, IReadOnlyList<BitstreamPlan> plans, Action<string> info)
    {
        if (entry.IsHsmFlow)
        {
            var design = keysets.Read(entry.KeysetFile!, "keyset_file").Keyset;
            var rotation = entry.RotationKeysetFile is { } name ? keysets.Read(name, "keyset_file").Keyset : null;
            using var hsm = connector.ConnectUser(info);
            return [.. plans.Select(plan => HsmBitstreamSealer.Seal(plan, hsm, design, rotation))];
        }

        byte[] KeyValue(KeyUse use) => use.Source == KeySource.Design
            ? BitstreamPlanner.KeyValue(effective, use.Key) ?? throw new DomainException(
                $"The bitstream needs {use.Key}, but Programming Data '{entry.Name}' has no {use.Key} value: set one with set_key, in the JDC or in the SPM.", "NOKEY", use.Key)
            : Convert.FromHexString(entry.RotationKeys[use.Key]);
        return [.. plans.Select(plan => PlainBitstreamSealer.Seal(plan, KeyValue))];
    }

    private static StaplImage StaplImage(ProgrammingDataEntry entry, EffectiveDesign effective, BitstreamPlan plan, BuiltBitstream built, DateTime created) => new()
    {
        Device = DeviceCatalog.Find(entry.Device),
        Package = effective.Design.Package,
        DesignName = effective.Design.DesignName,
        Checksum = effective.Design.DesignChecksum,
        SiliconSignature = effective.Design.SiliconSignature,
        ProgramsSecurity = plan.Components.Any(component => component.Type == ComponentType.Keys),
        Creator = Creator,
        CreatorVersion = SoftwareInfo.CurrentVersion,
        Created = created,
        Datastream = built.Bytes,
        ComponentBlocks = built.ComponentBlocks,
        EraseDatastream = EraseComponent.For(built.Bytes),
    };
}
