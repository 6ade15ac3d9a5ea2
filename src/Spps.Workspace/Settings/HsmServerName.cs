using System.Net;
using System.Text.RegularExpressions;
using Spps.Devices;

namespace Spps.Workspace.Settings;

/// <summary>
/// Checks <c>-hsm_server_name</c>: <c>local</c> for the embedded HSM, or a host name or IP address with an
/// optional <c>:port</c> (IPv6 in brackets when a port follows).
/// </summary>
public static partial class HsmServerName
{
    public const string Local = "local";

    private const string Expecting = "local, a host name or IP address, optionally followed by :port";

    public static string Normalize(string value)
    {
        if (value.Trim().Length == 0)
        {
            throw new DomainException("HSM server name cannot be empty.", "BADVALUE", "-hsm_server_name", value);
        }

        if (value.Equals(Local, StringComparison.OrdinalIgnoreCase))
        {
            return Local;
        }

        return IsValid(value)
            ? value
            : throw new DomainException(
                $"hsm_server_name: Invalid argument value: '{value}' (expecting {Expecting}).", "BADVALUE", "-hsm_server_name", value);
    }

    private static bool IsValid(string value)
    {
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    return false;
                }

                port = rest[1..];
            }

            return IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && IsPort(port);
        }

        if (value.Count(c => c == ':') > 1)
        {
            return IPAddress.TryParse(value, out _); // bare IPv6, no port
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        host = colon < 0 ? value : value[..colon];
        port = colon < 0 ? null : value[(colon + 1)..];
        return HostName().IsMatch(host) && IsPort(port);
    }

    private static bool IsPort(string? port) => port is null || (int.TryParse(port, out var number) && number is >= 1 and <= 65535 && port == number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // Dotted labels of letters, digits and inner hyphens (which also covers IPv4 addresses).
    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostName();
}
