using System.Text;
using Spps.Devices;
using Spps.Tcl.Commands;

namespace Spps.JobManager.ProgrammingData;

/// <summary><c>report_prog_data</c>: what an entry is and what was changed, keys by origin only.</summary>
internal static class ProgrammingDataReport
{
    public static string Print(ProgrammingDataService service, string dataName, CommandContext context)
    {
        var entry = service.Entry(dataName);
        var effective = service.Effective(dataName);
        var design = effective.Design;
        var text = new StringBuilder()
            .AppendLine($"Programming Data: {entry.Name}")
            .AppendLine($"Device:           {entry.Device} ({effective.Die.Family.DisplayName()}, die {effective.Die.Name}, IDCODE {effective.Die.IdCodeText})")
            .AppendLine($"Design:           {design.DesignName}, version {design.DesignVersion}, back level {design.BackLevel}, checksum {design.DesignChecksum:X4}")
            .AppendLine($"Flow:             {(entry.IsHsmFlow ? $"HSM, keyset '{entry.KeysetFile}' ({entry.KeysetId})" : "non-HSM")}")
            .AppendLine($"Security policy:  {(effective.PolicyFromOverwrite ? "from the SPM overwrite" : "from the JDC")}")
            .AppendLine($"Keys:             {(effective.Keys.Count == 0 ? "none" : string.Join(", ", effective.Keys.Select(key => $"{key.Name} ({Origin(key.Origin)})")))}");
        foreach (var client in effective.EnvmClients)
        {
            text.AppendLine($"eNVM client:      {client.Client.Name} at 0x{client.Client.Address:X}, {client.Client.Size} bytes, " +
                            (client.Origin == ContentOrigin.Update ? $"updated from '{entry.EnvmUpdates[client.Client.Name].Source}'" : "as in the JDC"));
        }

        foreach (var client in effective.SnvmClients)
        {
            text.AppendLine($"sNVM client:      {client.Client.Name} at page {client.Client.StartPage}, {client.Client.Size} bytes {client.Client.Kind.ToString().ToLowerInvariant()}, " +
                            (client.Origin == ContentOrigin.Update ? $"updated from '{entry.SnvmUpdates[client.Client.Name].Source}'" : "as in the JDC"));
        }

        var rotation = entry.RotationKeysetFile is { } keyset ? $"keyset '{keyset}'" : entry.RotationKeys.Count > 0 ? string.Join(", ", entry.RotationKeys.Keys) + " set" : "none";
        text.Append($"Rotation keys:    {rotation}");
        foreach (var bitstream in entry.Bitstreams)
        {
            text.Append($"\nBitstream:        {bitstream.Name}, {bitstream.Type}, {string.Join(' ', bitstream.Features)}" +
                        (bitstream.Protocol is { } protocol ? $", {protocol}" : string.Empty) +
                        (bitstream.AuthKeyMode is { } mode ? $", auth key mode {mode}" : string.Empty));
        }

        context.Print(text.ToString());
        return context.List(["data_name", entry.Name, "device", entry.Device, "flow", entry.IsHsmFlow ? "HSM" : "non-HSM",
            "keys", context.List(effective.Keys.Select(key => context.List([key.Name, Origin(key.Origin)]))),
            "envm_updates", context.List(entry.EnvmUpdates.Keys), "snvm_updates", context.List(entry.SnvmUpdates.Keys),
            "bitstreams", context.List(entry.Bitstreams.Select(bitstream => bitstream.Name))]);
    }

    private static string Origin(KeyOrigin origin) => origin switch
    {
        KeyOrigin.Design => "JDC",
        KeyOrigin.SecurityOverwrite => "SPM",
        KeyOrigin.SetKey => "set_key",
        _ => "keyset",
    };
}
