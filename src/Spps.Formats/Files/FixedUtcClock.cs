namespace Spps.Formats.Files;

/// <summary>
/// A clock that always reads one instant, in UTC: what <c>SOURCE_DATE_EPOCH</c> asks for. Its local zone is UTC too, so
/// that times written without a zone do not depend on the zone of the machine that writes them. Elapsed time
/// (timestamps, timers) is the system's, so durations and timeouts still pass.
/// </summary>
internal sealed class FixedUtcClock(DateTimeOffset instant) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => instant;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
