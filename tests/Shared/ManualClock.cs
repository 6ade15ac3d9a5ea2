namespace Spps.Testing;

/// <summary>
/// A clock the test sets and moves, in a zone of its choosing, so that the times a service writes can be checked
/// against it (and are seen not to be the wall clock's or the machine's zone).
/// </summary>
public sealed class ManualClock(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
{
    /// <summary>UTC+03:17, an offset no real zone has: the machine's own zone cannot give a test its expected time by chance.</summary>
    public static readonly TimeZoneInfo OddZone = TimeZoneInfo.CreateCustomTimeZone("UTC+03:17", new TimeSpan(3, 17, 0), "UTC+03:17", "UTC+03:17");

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => zone;

    // Elapsed times follow Now too, so a test that moves the clock decides how long an operation took.
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now.UtcTicks;
}
