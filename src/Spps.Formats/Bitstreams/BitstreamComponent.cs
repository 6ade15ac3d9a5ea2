using Spps.Devices;

namespace Spps.Formats.Bitstreams;

/// <summary>A component to build: its type, the key mode that protects it, and its plaintext payload.</summary>
public sealed record BitstreamComponent(byte Type, KeyMode KeyMode, byte[] Payload);
