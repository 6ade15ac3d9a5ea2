using System.Globalization;
using System.Text;
using Spps.Tcl.Commands;

namespace Spps.JobManager.Jobs;

/// <summary><c>report_prog_job</c> (ours): a job's chain as a table with the facts a programmer needs, and as a Tcl dict.</summary>
internal static class JobReport
{
    private static readonly string[] _columns = ["Loc", "Device", "Kind", "Type", "IR", "TCK MHz", "PRE IR", "POST IR", "PRE DR", "POST DR", "Programming"];

    public static string Print(JobService service, string jobName, CommandContext context)
    {
        var job = service.Job(jobName);
        var chain = JtagChain.Of(job);
        var rows = chain.Positions.Select(position => new[]
        {
            Number(position.Device.Location), position.Device.Name, Kind(position.Device.Kind), JobService.DeviceType(position.Device),
            Number(position.Device.IrLength), position.Device.MaxTckMhz is { } mhz ? JobService.Mhz(mhz) : "no limit",
            Number(position.PreIr), Number(position.PostIr), Number(position.PreDr), Number(position.PostDr), Programming(position.Device),
        }).ToList();
        var text = new StringBuilder()
            .AppendLine($"Job:    {job.Name} ({job.Type}, {job.Setup}{(job.HsmTasks.Count > 0 ? ", HSM tasks " + string.Join(", ", job.TaskNames()) : string.Empty)})")
            .Append($"Chain:  {Plural(chain.Positions.Count, "device")}, TDI to TDO; total IR length {chain.TotalIrLength} bits")
            .Append(chain.MaxTckMhz is { } tck ? $", highest TCK {JobService.Mhz(tck)} MHz" : string.Empty);
        if (chain.MissingLocations.Count > 0)
        {
            text.Append($"\nWarning: no device at location {string.Join(", ", chain.MissingLocations)}; the job cannot be exported until the chain is complete.");
        }

        if (rows.Count > 0)
        {
            text.Append('\n').Append(Table([_columns, .. rows]));
        }

        context.Print(text.ToString());
        return context.List(["job_name", job.Name, "job_type", job.Type, "setup", job.Setup, "total_ir", Number(chain.TotalIrLength),
            "max_tck_mhz", chain.MaxTckMhz is { } limit ? JobService.Mhz(limit) : string.Empty,
            "devices", context.List(chain.Positions.Select(position => context.List([
                "name", position.Device.Name, "location", Number(position.Device.Location), "kind", Kind(position.Device.Kind),
                "type", JobService.DeviceType(position.Device), "ir", Number(position.Device.IrLength), "tck_mhz", position.Device.MaxTckMhz is { } limit ? JobService.Mhz(limit) : string.Empty,
                "pre_ir", Number(position.PreIr), "post_ir", Number(position.PostIr), "pre_dr", Number(position.PreDr), "post_dr", Number(position.PostDr),
                "programming", Programming(position.Device),
            ])))]);
    }

    /// <summary>Rows (the first the headings) as left-aligned columns two spaces apart.</summary>
    internal static string Table(IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return string.Join('\n', rows.Select(row => string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()));
    }

    private static string Kind(ChainDeviceKind kind) => kind switch
    {
        ChainDeviceKind.Target => "target",
        ChainDeviceKind.MicrochipBypass => "bypass",
        _ => "non-Microchip bypass",
    };

    private static string Programming(ChainDevice device) => device switch
    {
        { Kind: not ChainDeviceKind.Target } => "-",
        { DataName: { } data } => $"{data}/{device.BitstreamName}{(device.Dsn is { } dsn ? " DSN " + dsn : string.Empty)}",
        _ => $"STAPL file {device.SourceFile} (design {device.DesignName ?? "?"})",
    };

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
