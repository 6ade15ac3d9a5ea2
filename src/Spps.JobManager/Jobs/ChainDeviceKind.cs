using System.Text.Json.Serialization;

namespace Spps.JobManager.Jobs;

/// <summary>The three kinds of chain device the command reference has.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChainDeviceKind>))]
public enum ChainDeviceKind
{
    /// <summary>A Microchip device programmed by the job (<c>add_microsemi_prog_device</c>).</summary>
    Target,

    /// <summary>A Microchip device left in BYPASS (<c>add_microsemi_bypass_device</c>).</summary>
    MicrochipBypass,

    /// <summary>Another maker's device left in BYPASS (<c>add_non_microsemi_bypass_device</c>).</summary>
    OtherBypass,
}
