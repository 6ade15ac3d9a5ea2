using Spps.Devices;
using Spps.Workspace.Settings;

namespace Spps.FpExpress.Projects;

/// <summary>
/// An HSM job runs only on a station of the M-HSM its tickets are bound to: the task's secrets are sealed to that
/// module alone, and its counters live there. Checked when a project is created or opened, so a job for another
/// M-HSM is refused at once rather than by the first device.
/// </summary>
public static class JobBinding
{
    public static void Check(ProductionJob job, HsmParameters parameters, string jobPath)
    {
        if (job.BoundMHsmUuid is not { } bound)
        {
            return;
        }

        if (parameters.MHsmUuid is not { } configured || parameters.HsmServerName is null)
        {
            throw new DomainException(
                $"The job file '{jobPath}' is an HSM job bound to M-HSM {bound}, and no M-HSM is configured. " +
                $"Use set_hsm_params -hsm_server_name <server> -m_hsm_uuid {bound} on a station of that M-HSM first.", "NOHSM", jobPath, bound);
        }

        if (!string.Equals(bound, configured, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(
                $"The job file '{jobPath}' is an HSM job bound to M-HSM {bound}, but this fpexpress uses M-HSM {configured} (set_hsm_params). " +
                "Run it on a station of that M-HSM, or have the Job Manager export the task for this one.", "HSMMISMATCH", jobPath, bound, configured);
        }
    }
}
