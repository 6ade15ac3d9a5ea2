namespace Spps.JobManager.HsmTasks;

/// <summary>
/// A ticketed target as <c>export_hsmtask</c> last exported it: whether its devices give a certificate of conformance
/// (<c>-generate_coc</c>), and the SHA-256 of each component of its bitstream (hex, in order, header excluded), which a
/// device's CoC must list. Public values: import_job_status matches CoCs against them.
/// </summary>
public sealed class ExportedTarget
{
    public string Name { get; set; } = string.Empty;

    public bool GenerateCoc { get; set; }

    public List<string> ComponentDigests { get; set; } = [];
}
