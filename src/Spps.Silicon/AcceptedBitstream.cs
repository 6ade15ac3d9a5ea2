using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;

namespace Spps.Silicon;

/// <summary>A bitstream that passed every check of a device: what it programs, and the authorisation it came with.</summary>
internal sealed record AcceptedBitstream(BitstreamHeader Header, BitstreamType Type, IReadOnlyList<OpenedComponent> Components, KeyMode? AuthorizationMode, NamedEntries? Authorization)
{
    public IEnumerable<OpenedComponent> Design => Components.Where(component => component.Slot is not null);
}
