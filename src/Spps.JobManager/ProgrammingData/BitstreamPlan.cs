using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Protocol;

namespace Spps.JobManager.ProgrammingData;

/// <summary>Where a key's value lives: the Programming Data's keys (JDC, SPM, set_key or keyset), or its new keys for rotation.</summary>
internal enum KeySource
{
    Design,
    Rotation,
}

/// <summary>A key a bitstream needs; per-device keys are derived from the key's base key and the bitstream's DSN.</summary>
internal sealed record KeyUse(string Key, KeySource Source, bool PerDevice = false);

/// <summary>A component to build: its plain payload, and the keys to append to it as records when it is a security component.</summary>
internal sealed record PlannedComponent(byte Type, KeyMode Mode, byte[] Payload, IReadOnlyList<(byte Id, KeyUse Key)> KeyRecords);

/// <summary>
/// What one bitstream file contains before any key is resolved: header, components and the key of each key mode.
/// The non-HSM flow resolves keys here (<see cref="PlainBitstreamSealer"/>), the HSM flow inside the U-HSM.
/// </summary>
internal sealed record BitstreamPlan(string FileSuffix, BitstreamHeader Header, IReadOnlyList<PlannedComponent> Components, IReadOnlyDictionary<KeyMode, KeyUse> ModeKeys)
{
    /// <summary>For a file of a key rotation, which step of the sequence it is (the U-HSM plans the step's keys itself).</summary>
    public KeyRotationStep? Rotation { get; init; }

    public IEnumerable<KeyUse> KeyUses => ModeKeys.Values.Concat(Components.SelectMany(c => c.KeyRecords.Select(record => record.Key)));
}
