using Spps.Devices;
using Spps.Formats.Bitstreams;

namespace Spps.JobManager.ProgrammingData;

/// <summary>Builds a planned bitstream with key values the Job Manager holds itself (non-HSM flow).</summary>
internal static class PlainBitstreamSealer
{
    public static BuiltBitstream Seal(BitstreamPlan plan, Func<KeyUse, byte[]> keyValue)
    {
        var components = plan.Components.Select(component => new BitstreamComponent(component.Type, component.Mode,
            component.KeyRecords.Count == 0
                ? component.Payload
                : SecurityComponent.WithKeys(component.Payload, [.. component.KeyRecords.Select(record => (record.Id, keyValue(record.Key)))]))).ToList();
        return BitstreamFormat.Build(plan.Header, components,
            mode => mode == KeyMode.Klk ? Klk.For(plan.Header.FamilyCode) : keyValue(plan.ModeKeys[mode]));
    }
}
