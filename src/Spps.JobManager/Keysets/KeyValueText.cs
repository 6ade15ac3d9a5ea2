using System.Globalization;
using Spps.Devices;

namespace Spps.JobManager.Keysets;

/// <summary>
/// Reads a key given on the command line: exactly 64 hexadecimal digits (256 bits), either case. Errors say what is
/// wrong with the value without repeating it, so a key never reaches a message, a log or an error trace.
/// </summary>
public static class KeyValueText
{
    public const int Digits = 64;

    public static byte[] Parse(string option, string text)
    {
        if (text.Length != Digits)
        {
            throw BadKey(option, $"the value has {text.Length} characters");
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                throw BadKey(option, $"character {(i + 1).ToString(CultureInfo.InvariantCulture)} is not a hexadecimal digit");
            }
        }

        return Convert.FromHexString(text);
    }

    private static DomainException BadKey(string option, string problem) =>
        new($"{option}: Invalid argument value (expecting {Digits} hexadecimal digits; {problem}). The value is not shown because it is a key.",
            "BADKEY", "-" + option);
}
