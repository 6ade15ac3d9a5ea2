using System.Text.Json;

namespace Spps.Silicon.Tests;

/// <summary>The check every refusal test makes: the expected code and message, and nothing changed in the device but its last result.</summary>
public static class Refusals
{
    /// <summary>Everything the device holds but its last result (which records the refusal).</summary>
    public static string Snapshot(VirtualDevice device)
    {
        var state = JsonSerializer.SerializeToNode(device.State)!.AsObject();
        state.Remove(nameof(DeviceState.LastResult));
        return state.ToJsonString() + JsonSerializer.Serialize(device.Secrets);
    }

    public static void AssertRefused(VirtualDevice device, Func<VirtualDevice, SiliconResult> action, int code, string message)
    {
        var before = Snapshot(device);
        var result = action(device);
        Assert.True(result.Code == code && result.Message.Contains(message, StringComparison.Ordinal), $"expected {code} '{message}', got {result}");
        Assert.Equal(before, Snapshot(device));
        Assert.StartsWith($"{code} ", device.State.LastResult!.Split(": ", 2)[1], StringComparison.Ordinal);
    }
}
