using Spps.Devices;

namespace Spps.JobManager.Keysets;

/// <summary>Keyset files are named, not pathed: they live in the keyset repository, so a name with a folder in it is refused.</summary>
public static class KeysetFileName
{
    public static bool IsValid(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.Trim() == name
        && name.IndexOfAny(['/', '\\']) < 0 && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;

    public static string Validate(string option, string name) => IsValid(name)
        ? name
        : throw new DomainException(
            $"{option}: Invalid argument value: '{name}' (expecting a keyset file name without a folder; keyset files live in the keyset repository set by set_hsm_params -hsm_key_set_dir).",
            "BADVALUE", "-" + option, name);
}
