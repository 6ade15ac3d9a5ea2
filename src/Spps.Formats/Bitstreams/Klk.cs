using System.Security.Cryptography;
using System.Text;

namespace Spps.Formats.Bitstreams;

/// <summary>
/// The Key Loading Key of a family. Like Microchip's ("a factory-defined default key … common to a relatively large
/// number of devices … within the programming tool software") it offers no secrecy: ours is published here,
/// SHA-256 of "SPPS published KLK " and the family's data-file code (5 G4, 7 G5, 8 G5 SoC).
/// </summary>
public static class Klk
{
    public static byte[] For(byte familyCode) => SHA256.HashData(Encoding.ASCII.GetBytes($"SPPS published KLK {familyCode}"));
}
