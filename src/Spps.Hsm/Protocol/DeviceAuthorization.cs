namespace Spps.Hsm.Protocol;

/// <summary>
/// The M-HSM's answer to an accepted <see cref="DeviceAuthorizationRequest"/>: the authorisation code for that device
/// and challenge only (<c>SPPSAUTH</c>, its secrets encrypted to the device), and the spent ticket's counters after
/// the spend.
/// </summary>
public sealed record DeviceAuthorization(byte[] AuthorizationCode, TicketRecord Ticket);
