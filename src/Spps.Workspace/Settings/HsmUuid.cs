using System.Globalization;
using Spps.Devices;

namespace Spps.Workspace.Settings;

/// <summary>HSM module UUIDs: accepted with or without braces and hyphens, stored in the canonical lower-case form.</summary>
public static class HsmUuid
{
    public static string Normalize(string option, string value) =>
        Guid.TryParse(value, out var uuid) && value.Trim() == value
            ? uuid.ToString("D", CultureInfo.InvariantCulture)
            : throw new DomainException(
                $"{option}: Invalid argument value: '{value}' (expecting a UUID such as 123e4567-e89b-12d3-a456-426614174000).",
                "BADVALUE", "-" + option, value);
}
