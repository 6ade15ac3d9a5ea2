using System.Globalization;

namespace Spps.Formats.Files;

/// <summary>
/// The one clock for every time written into an output file (STAPL DATE and TIME notes, a .job's date line, a
/// container's creation time). Programs make it once from the environment and hand it to whatever writes; nothing
/// else reads <c>SOURCE_DATE_EPOCH</c>, so no writer can forget it. Log timestamps and the HSM's own records stay on
/// the system clock: they tell when something happened, which a reproducible output must not.
/// </summary>
public static class OutputClock
{
    /// <summary>The variable of the reproducible-builds specification: seconds since 1970-01-01 00:00:00 UTC.</summary>
    public const string SourceDateEpoch = "SOURCE_DATE_EPOCH";

    /// <summary>The last second a <see cref="DateTimeOffset"/> can hold (9999-12-31 23:59:59 UTC).</summary>
    internal const long LatestSeconds = 253402300799;

    /// <summary>The clock <c>SOURCE_DATE_EPOCH</c> asks for, or the system clock when it is unset or empty.</summary>
    /// <exception cref="SourceDateEpochException">The variable is set to something other than a whole number of seconds.</exception>
    public static TimeProvider FromEnvironment() => For(Environment.GetEnvironmentVariable(SourceDateEpoch));

    /// <summary>The clock for a value of <c>SOURCE_DATE_EPOCH</c>: fixed at that second in UTC, or the system clock for none.</summary>
    public static TimeProvider For(string? sourceDateEpoch)
    {
        if (string.IsNullOrEmpty(sourceDateEpoch))
        {
            return TimeProvider.System;
        }

        // As 'date +%s' prints it: digits only, so a sign, spaces, a fraction or an exponent is refused, not guessed at.
        return long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= LatestSeconds
            ? new FixedUtcClock(DateTimeOffset.FromUnixTimeSeconds(seconds))
            : throw new SourceDateEpochException(sourceDateEpoch);
    }

    /// <summary>
    /// The clock's local time to the second, as files that carry a time without a zone write it (STAPL notes, a .job's
    /// date line): the machine's zone on the system clock, UTC under <c>SOURCE_DATE_EPOCH</c>.
    /// </summary>
    public static DateTime LocalNowToTheSecond(this TimeProvider clock)
    {
        var now = clock.GetLocalNow().DateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>The clock's UTC time to the second, as containers record their creation time.</summary>
    public static DateTimeOffset UtcNowToTheSecond(this TimeProvider clock) => DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
}
