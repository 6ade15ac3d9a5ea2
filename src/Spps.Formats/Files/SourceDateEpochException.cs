namespace Spps.Formats.Files;

/// <summary><c>SOURCE_DATE_EPOCH</c> is set to something that is not a time: programs refuse to run rather than write the wrong time.</summary>
public sealed class SourceDateEpochException(string value) : Exception(
    $"{OutputClock.SourceDateEpoch}: Invalid value '{value}' (expecting a whole number of seconds since 1970-01-01 00:00:00 UTC, " +
    $"from 0 to {OutputClock.LatestSeconds}, as 'date +%s' prints it; or leave the variable unset).");
