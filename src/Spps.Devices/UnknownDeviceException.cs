namespace Spps.Devices;

/// <summary>A device name is not in the catalog; <see cref="Suggestions"/> are the closest valid names.</summary>
public sealed class UnknownDeviceException(string name, IReadOnlyList<string> suggestions)
    : Exception($"Unknown device '{name}'." + (suggestions.Count > 0 ? $" The closest valid names are {string.Join(", ", suggestions)}." : string.Empty))
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Suggestions { get; } = suggestions;
}
