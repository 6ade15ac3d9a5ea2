namespace Spps.Hsm.Protocol;

/// <summary>
/// A ticket as the M-HSM holds it in its store: which request brought it (and from which U-HSM), what it authorises,
/// its limit (null: unlimited) and how many devices it has served.
/// </summary>
public sealed record TicketRecord(string TicketId, string RequestId, string UHsmUuid, string JobName, string TaskName, string TicketName,
    string Device, string Die, string Action, long? MaxDevices, long Used, DateTimeOffset Received);
