using Spps.Formats.Files;

namespace Spps.Formats.Tests;

public class OutputClockTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_source_date_epoch_it_is_the_system_clock(string? value)
    {
        Assert.Same(TimeProvider.System, OutputClock.For(value));
    }

    [Theory]
    [InlineData("0", "1970/01/01 00:00:00")]
    [InlineData("1700000000", "2023/11/14 22:13:20")]
    [InlineData("253402300799", "9999/12/31 23:59:59")]
    public void Source_date_epoch_fixes_the_time_in_utc_local_time_included(string value, string expected)
    {
        var clock = OutputClock.For(value);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture)), clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.GetLocalNow().Offset); // whatever the machine's zone
        Assert.Equal(expected, clock.LocalNowToTheSecond().ToString("yyyy/MM/dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(clock.GetUtcNow(), clock.UtcNowToTheSecond());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("+1700000000")]
    [InlineData(" 1700000000")]
    [InlineData("1700000000.5")]
    [InlineData("1.7e9")]
    [InlineData("253402300800")]
    [InlineData("99999999999999999999")]
    public void A_malformed_value_is_refused_naming_it_and_what_is_accepted(string value)
    {
        var error = Assert.Throws<SourceDateEpochException>(() => OutputClock.For(value));
        Assert.Equal(
            $"SOURCE_DATE_EPOCH: Invalid value '{value}' (expecting a whole number of seconds since 1970-01-01 00:00:00 UTC, from 0 to 253402300799, " +
            "as 'date +%s' prints it; or leave the variable unset).", error.Message);
    }

    [Fact]
    public void Times_to_the_second_drop_the_fraction_in_the_clocks_own_zone()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 6, 23, 59, 59, 999, TimeSpan.Zero), ManualClock.OddZone);
        Assert.Equal(new DateTime(2026, 5, 7, 3, 16, 59), clock.LocalNowToTheSecond());
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 23, 59, 59, TimeSpan.Zero), clock.UtcNowToTheSecond());
    }
}
