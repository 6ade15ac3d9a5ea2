using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Jobs;
using Spps.Formats.Stapl;
using Spps.Hsm;
using Spps.Hsm.Protocol;
using Spps.JobManager.HsmTasks;

namespace Spps.JobManager.ProgrammingData;

/// <summary>What programming jobs ask of the Programming Data: whether a bitstream can be a target's, and its programming file.</summary>
public sealed partial class BitstreamService
{
    /// <summary>
    /// Checks, when a target is added to a job, what can be known then: the bitstream exists, is one file (not a key
    /// rotation set), suits the job (DEBUG bitstreams belong to SmartDebug jobs only) and takes <paramref name="dsn"/>.
    /// What depends on the entry at export time is checked again then.
    /// </summary>
    internal void CheckJobTarget(string dataName, string bitstreamName, string? dsn, bool debugJob)
    {
        var entry = store.Entry(dataName);
        var bitstream = Bitstream(entry, bitstreamName);
        if (bitstream.Type == "KEY_ROTATION")
        {
            throw new DomainException(
                $"'{bitstreamName}' is a KEY_ROTATION bitstream: an ordered set of files, each programmed after the one before; a job programs one file per device. " +
                "Export the set with export_bitstream_file.", "ROTATIONSET", bitstreamName);
        }

        if ((bitstream.Type == "DEBUG") != debugJob)
        {
            throw new DomainException(debugJob
                ? $"'{bitstreamName}' is a {bitstream.Type} bitstream; a SmartDebug (SDebug) job takes a DEBUG bitstream."
                : $"'{bitstreamName}' is a DEBUG bitstream, for SmartDebug: add it to a job of type SDebug.", "JOBTYPE", bitstreamName);
        }

        CheckDsn(entry, bitstream, dsn is null ? null : ParseDsn(dsn));
    }

    /// <summary>
    /// Generates a job target's bitstream from the Programming Data as it is now, as the image of its STAPL programming
    /// file; writing the text (the costly ACA step) is left to the caller, which can write several targets at once.
    /// </summary>
    internal StaplImage JobProgrammingImage(string dataName, string bitstreamName, string? dsn, DateTime created, Action<string> info)
    {
        var entry = store.Entry(dataName);
        var bitstream = Bitstream(entry, bitstreamName);
        var dsnBytes = dsn is null ? null : ParseDsn(dsn);
        CheckExportable(entry, bitstream, dsnBytes, "a job without an HSM task cannot program it: add one with add_hsmtask_to_job and export the job with export_hsmtask.");
        var (effective, files) = Generate(entry, bitstream, dsnBytes, info);
        var (plan, built) = files[0];
        return StaplImage(entry, effective, plan, built, created);
    }

    /// <summary>
    /// Generates a ticketed target's bitstream of an HSM job in the U-HSM (<see cref="IUserHsm.SealHsmJobTarget"/>): a
    /// MASTER (Initiator) or UEK1/2/3 update bitstream of the HSM flow, its design encrypted under the task's KIP, and the
    /// secrets the bound M-HSM needs sealed to it. An Initiator's security component is not in the bitstream: the keys
    /// and policy it programs are among the sealed secrets, for the M-HSM to apply per device.
    /// </summary>
    internal (StaplImage Image, byte[] SealedSecrets, ExportedTarget Exported) HsmJobProgrammingImage(string dataName, string bitstreamName, string? dsn, HsmJobTarget target,
        IUserHsm hsm, DateTime created)
    {
        var entry = store.Entry(dataName);
        var bitstream = Bitstream(entry, bitstreamName);
        if (!entry.IsHsmFlow || bitstream.Type is not ("MASTER" or "UEK1" or "UEK2" or "UEK3"))
        {
            throw new DomainException(
                $"Device '{target.Target}' has tickets, and its bitstream '{bitstreamName}' of Programming Data '{dataName}' is {(entry.IsHsmFlow ? "a " + bitstream.Type + " bitstream" : "of the non-HSM flow")}: " +
                "an HSM job's ticketed target is a MASTER (Initiator) or UEK1, UEK2, UEK3 bitstream of the HSM flow.", "HSMJOBTARGET", target.Target);
        }

        var dsnBytes = dsn is null ? null : ParseDsn(dsn);
        CheckDsn(entry, bitstream, dsnBytes);
        var effective = store.Effective(entry.Name);
        BitstreamRules.CheckAgain(bitstream, entry, effective);
        var plan = BitstreamPlanner.Plan(effective, bitstream, bitstream.Features.Contains("FABRIC") ? store.Fabric(entry, effective.Design) : [], dsnBytes);
        var security = bitstream.Type == "MASTER" && bitstream.Features.Contains("SECURITY");
        var sealedTarget = hsm.SealHsmJobTarget(target.SealRequest(plan.Header, keysets.Read(entry.KeysetFile!, "keyset_file").Keyset) with
        {
            Components = [.. plan.Components.Where(component => component.Type != ComponentType.Keys).Select(component => new PlainComponent(component.Type, component.Payload))],
            ProgrammedKeys = security ? [.. effective.Keys.Select(key => key.Name)] : [],
            PolicyFlags = security ? SecurityComponent.Flags(effective.Policy) : (ushort)0,
            UniqueKeyTypes = bitstream.Protocol == "UNIQUE_KEY" ? bitstream.UniqueKeyTypes : [],
            AuthKeyMode = bitstream.Type == "MASTER" ? bitstream.AuthKeyMode : null,
            GenerateCoc = bitstream.GenerateCoc,
        });
        var exported = new ExportedTarget
        {
            Name = target.Target, GenerateCoc = bitstream.Type == "MASTER" && bitstream.GenerateCoc, // only an Initiator gives the device a CoC key
            ComponentDigests = [.. BitstreamDigests.Components(sealedTarget.Bitstream.Bytes).Select(Convert.ToHexStringLower)],
        };
        return (StaplImage(entry, effective, plan, sealedTarget.Bitstream, created), sealedTarget.SealedSecrets, exported);
    }

    /// <summary>
    /// A debug job's target (<see cref="IUserHsm.SealHsmJobTarget"/>): its DEBUG bitstream's public part, and the key
    /// mode's UEK and the DPK sealed by the U-HSM to the bound M-HSM. Whether those keys are per device is the
    /// Programming Data's Initiator's choice (its UNIQUE_KEY types), since the Initiator is what put them in the devices.
    /// </summary>
    internal (DebugBitstreamInfo Bitstream, byte[] SealedSecrets) DebugJobTarget(string dataName, string bitstreamName, HsmJobTarget target, IUserHsm hsm)
    {
        CheckJobTarget(dataName, bitstreamName, null, debugJob: true);
        var entry = store.Entry(dataName);
        var bitstream = Bitstream(entry, bitstreamName);
        var effective = store.Effective(entry.Name);
        BitstreamRules.CheckAgain(bitstream, entry, effective);
        var header = BitstreamPlanner.Header(effective, bitstream, effective.Design.DesignVersion, null);
        var sealedTarget = hsm.SealHsmJobTarget(target.SealRequest(header, keysets.Read(entry.KeysetFile!, "keyset_file").Keyset) with
        {
            UniqueKeyTypes = DebugPerDeviceKeys(entry, bitstream),
            AuthKeyMode = bitstream.AuthKeyMode,
        });
        return (new DebugBitstreamInfo(effective.Die.Name, header.IdCode, header.DesignName, header.DesignVersion, bitstream.AuthKeyMode!), sealedTarget.SealedSecrets);
    }

    // The DEBUG keys (its UEKn and the DPK) a device holds per device: those the entry's Initiators make per device.
    // Initiators that disagree, or none, leave the M-HSM unable to know the device's keys, so the export is refused.
    private static List<string> DebugPerDeviceKeys(ProgrammingDataEntry entry, BitstreamEntry debug)
    {
        string[] keys = [debug.AuthKeyMode!, "DPK"];
        var initiators = entry.Bitstreams.Where(bitstream => bitstream.Type == "MASTER").ToList();
        if (initiators.Count == 0)
        {
            throw new DomainException(
                $"DEBUG bitstream '{debug.Name}' unlocks devices with the {debug.AuthKeyMode} and DPK their Initiator programmed, and Programming Data '{entry.Name}' has no MASTER (Initiator) " +
                "bitstream that says whether those keys are per device: define the Initiator the devices were programmed with (init_bitstream -bitstream_type MASTER).", "NOINITIATOR", debug.Name);
        }

        var perDevice = initiators.Select(initiator => keys.Where(key => BitstreamPlanner.IsPerDevice(initiator, key)).ToList()).ToList();
        if (perDevice.Any(types => !types.SequenceEqual(perDevice[0])))
        {
            throw new DomainException(
                $"DEBUG bitstream '{debug.Name}' unlocks devices with the {debug.AuthKeyMode} and DPK their Initiator programmed, and the Initiators of Programming Data '{entry.Name}' disagree on which " +
                $"of them are per device ({string.Join("; ", initiators.Select((initiator, index) => $"'{initiator.Name}': {(perDevice[index].Count == 0 ? "none" : string.Join(", ", perDevice[index]))}"))}): " +
                "keep the Initiators that agree with the devices in a Programming Data of their own.", "INITIATORS", debug.Name);
        }

        return perDevice[0];
    }
}
