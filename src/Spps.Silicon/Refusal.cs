namespace Spps.Silicon;

/// <summary>A check of an action failed: the device answers <see cref="Result"/> and changes nothing.</summary>
internal sealed class Refusal(SiliconResult result) : Exception(result.Message)
{
    public SiliconResult Result { get; } = result;
}
