namespace Spps.Tcl.Commands;

/// <summary>
/// Options every command accepts without declaring them. They are not listed in each command's usage; the framework's
/// documentation describes them once.
/// </summary>
public static class CommonOptions
{
    /// <summary>
    /// Vivado's <c>-quiet</c>: the command prints no report and no <c>Info:</c> line; warnings and errors still show, and
    /// the result is returned as always (<c>set d [report_prog_job -job_name J -quiet]</c>).
    /// </summary>
    public static OptionSpec Quiet { get; } =
        OptionSpec.Flag("quiet", "Print no report and no Info: lines; warnings and errors still show, and the result is returned.");

    public static IReadOnlyList<OptionSpec> All { get; } = [Quiet];
}
