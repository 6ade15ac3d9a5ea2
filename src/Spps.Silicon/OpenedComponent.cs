namespace Spps.Silicon;

/// <summary>A component a device opened: its type, the slot it programs, its digest as it stands in the bitstream, its plaintext.</summary>
internal sealed record OpenedComponent(byte Type, string? Slot, string Digest, byte[] Payload);
