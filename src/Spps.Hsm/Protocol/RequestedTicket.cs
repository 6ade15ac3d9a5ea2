namespace Spps.Hsm.Protocol;

/// <summary>
/// One ticket of a job request: its id (32 hex digits), name, the job target it is for (target name and die),
/// the action it authorises (PROGRAM, ERASE, VERIFY or DEBUG), how many devices it may serve (null: unlimited) and
/// the bitstream's protocol (AUTH_CODE, UNIQUE_KEY, or NONE where the protocol cannot count devices).
/// </summary>
public sealed record RequestedTicket(string TicketId, string Name, string Device, string Die, string Action, long? MaxDevices, string Protocol);
