namespace Spps.Devices;

/// <summary>The key mode a component is encrypted under, stored at byte 49 of each component.</summary>
public enum KeyMode : byte
{
    None = 0,
    Klk = 1,
    Uek1 = 2,
    Uek2 = 3,
    Uek3 = 4,
    Dfk = 5,
    Kfp = 6,
    Kfpe = 7,
    Kup = 8,
    Kupe = 9,
    Kip = 10,
}
