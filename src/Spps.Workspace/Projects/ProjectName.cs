using Spps.Devices;

namespace Spps.Workspace.Projects;

/// <summary>Project names become a folder and a file name on every platform, so they follow <see cref="PortableFileName"/>.</summary>
public static class ProjectName
{
    public static string Validate(string name) =>
        PortableFileName.IsValid(name)
            ? name
            : throw new DomainException($"name: Invalid argument value: '{name}' (expecting {PortableFileName.Expecting}).", "BADVALUE", "-name", name);
}
