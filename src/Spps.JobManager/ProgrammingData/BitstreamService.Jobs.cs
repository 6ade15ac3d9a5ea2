using Spps.Devices;
using Spps.Formats.Bitstreams;
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
            throw new DomainException(bitstream.Type == "DEBUG"
                ? $"not implemented yet: an HSM job's DEBUG target ('{bitstreamName}' of device '{target.Target}'); SmartDebug tickets are exported by a later version."
                : $"Device '{target.Target}' has tickets, and its bitstream '{bitstreamName}' of Programming Data '{dataName}' is {(entry.IsHsmFlow ? "a " + bitstream.Type + " bitstream" : "of the non-HSM flow")}: " +
                  "an HSM job's ticketed target is a MASTER (Initiator) or UEK1, UEK2, UEK3 bitstream of the HSM flow.", bitstream.Type == "DEBUG" ? "NOTIMPLEMENTED" : "HSMJOBTARGET", target.Target);
        }

        var dsnBytes = dsn is null ? null : ParseDsn(dsn);
        CheckDsn(entry, bitstream, dsnBytes);
        var effective = store.Effective(entry.Name);
        BitstreamRules.CheckAgain(bitstream, entry, effective);
        var plan = BitstreamPlanner.Plan(effective, bitstream, bitstream.Features.Contains("FABRIC") ? store.Fabric(entry, effective.Design) : [], dsnBytes);
        var security = bitstream.Type == "MASTER" && bitstream.Features.Contains("SECURITY");
        var sealedTarget = hsm.SealHsmJobTarget(new SealHsmJobTargetRequest
        {
            Request = target.Request,
            Reply = target.Reply,
            MHsmUuid = target.MHsmUuid,
            Target = target.Target,
            TicketIds = target.TicketIds,
            Header = plan.Header,
            Components = [.. plan.Components.Where(component => component.Type != ComponentType.Keys).Select(component => new PlainComponent(component.Type, component.Payload))],
            Keyset = keysets.Read(entry.KeysetFile!, "keyset_file").Keyset,
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
}
