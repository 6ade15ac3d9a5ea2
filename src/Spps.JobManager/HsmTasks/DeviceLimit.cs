using System.Globalization;
using System.Text.RegularExpressions;
using Spps.Devices;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// A ticket's overbuild limit (<c>-max_device</c>): a number of devices from 1 to <see cref="Highest"/>, or
/// <c>unlimited</c> in any case (null). Only the protocols that can count devices enforce it.
/// </summary>
public static partial class DeviceLimit
{
    /// <summary>The highest limit: 2^31-1, far beyond any production run, and a whole number in every Tcl and every counter.</summary>
    public const long Highest = int.MaxValue;

    public const string Unlimited = "unlimited";

    /// <summary>The protocols whose M-HSM exchange happens once per device, so the M-HSM can count devices.</summary>
    public static IReadOnlyList<string> CountingProtocols { get; } = ["AUTH_CODE", "UNIQUE_KEY", "ONE_TIME_PASSCODE"];

    public static long? Parse(string value)
    {
        if (value.Equals(Unlimited, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Digits().IsMatch(value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit <= Highest
            ? limit
            : throw new DomainException(
                $"max_device: Invalid argument value: '{value}' (expecting a number of devices from 1 to {Highest}, or {Unlimited}).", "BADVALUE", "-max_device", value);
    }

    public static bool IsValid(long? limit) => limit is null or >= 1 and <= Highest;

    public static string Text(long? limit) => limit?.ToString(CultureInfo.InvariantCulture) ?? Unlimited;

    // Decimal digits without sign or leading zero (a leading zero reads as octal in some Tcl contexts).
    [GeneratedRegex("^[1-9][0-9]{0,9}$")]
    private static partial Regex Digits();
}
