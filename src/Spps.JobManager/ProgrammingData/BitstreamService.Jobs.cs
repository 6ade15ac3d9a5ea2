using Spps.Devices;
using Spps.Formats.Stapl;

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
}
