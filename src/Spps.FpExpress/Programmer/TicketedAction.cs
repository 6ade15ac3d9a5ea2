using Spps.Devices;
using Spps.FpExpress.Projects;
using Spps.Formats.Jobs;
using Spps.Hsm;
using Spps.Hsm.Protocol;
using Spps.Silicon;
using Spps.Workspace.Settings;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// What every ticketed action of a job asks of the station, whether run_selected_actions programs a device or
/// unlock_debug opens its debug: a ticket of the target for the action, a job not completed and still bound to this
/// station's M-HSM, the device's own word that it would take the action before any ticket is spent, and the M-HSM's
/// authorisation for the device's live challenge, whose refusal names the ticket, the device and the board.
/// </summary>
public static class TicketedAction
{
    /// <summary>
    /// The target's ticket for <paramref name="ticketAction"/>, or a refusal naming the target's tickets and
    /// <paramref name="instead"/>, what the user may do instead.
    /// </summary>
    public static JobTicket TicketOf(JobProject project, JobDeviceDescription target, string ticketAction, string action, string instead)
    {
        var data = target.TicketData!;
        return data.Tickets.FirstOrDefault(candidate => candidate.Action == ticketAction)
            ?? throw new DomainException(
                $"Job '{project.Name}' has no {ticketAction} ticket for device '{target.DeviceName}', so its M-HSM cannot authorise {action}; its tickets: " +
                $"{string.Join(", ", data.Tickets.Select(candidate => $"{candidate.Name} ({candidate.Action})"))}. {instead}",
                "NOTICKET", target.DeviceName, action);
    }

    /// <summary>The refusal of an action the device says it would refuse (<paramref name="problem"/>), before any ticket is spent.</summary>
    public static DomainException WouldRefuse(JobProject project, IBoard board, JobDeviceDescription target, VirtualDevice device, string action, string problem) =>
        new($"The device '{target.DeviceName}' of board {board.Number} (DSN {device.Dsn}) would refuse the {action} of job '{project.Name}': {problem}. " +
            "No ticket was spent.", "REFUSED", target.DeviceName, action);

    /// <summary>A ticketed action needs a job that was not completed (<paramref name="completed"/>), still bound to this station's M-HSM.</summary>
    public static void RequireRunnable(JobProject project, JobCompletion? completed, HsmParameters parameters)
    {
        if (completed is not null)
        {
            throw new DomainException(
                $"Job '{project.Name}' was completed at {completed.Time:u}: its tickets are gone from the M-HSM and it runs no ticketed action any more.",
                "COMPLETED", project.Name);
        }

        JobBinding.Check(project.Job, parameters, project.FilePath);
    }

    /// <summary>
    /// The device's live challenge and public records, with the target's sealed secrets and <paramref name="ticket"/>,
    /// to the M-HSM, which spends the ticket before it answers with the authorisation code; its refusal names the
    /// ticket and the device and keeps the module's code.
    /// </summary>
    public static byte[] Authorize(IManufacturerHsm hsm, JobProject project, IBoard board, JobDeviceDescription target, VirtualDevice device, JobTicket ticket)
    {
        var data = target.TicketData!;
        var request = new DeviceAuthorizationRequest
        {
            RequestId = data.RequestId,
            Target = target.DeviceName,
            TargetTicketIds = [.. data.Tickets.Select(candidate => candidate.TicketId)],
            SealedSecrets = data.SealedSecrets,
            TicketId = ticket.TicketId,
            Action = ticket.Action,
            DeviceCertificate = device.State.Certificate,
            UserKeyStatement = device.State.UserKeyStatement,
            Challenge = device.Challenge().ToBytes(),
        };
        try
        {
            return hsm.AuthorizeDeviceAction(request).AuthorizationCode;
        }
        catch (HsmException error)
        {
            throw new HsmException(error.Code,
                $"The M-HSM refused ticket {ticket.Name} ({ticket.Action}) of job '{project.Name}' for device '{target.DeviceName}' of board {board.Number} " +
                $"(DSN {device.Dsn}): {error.Message}");
        }
    }
}
