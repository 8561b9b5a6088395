using System.Net;
using System.Net.Sockets;

namespace Modular.Core.Limits;

/// <summary>
/// The network a client address stands for when limiting: an IPv4 address is one client, an IPv6 client holds a whole /64
/// (one subscriber's prefix, whose addresses it may rotate at will), so limits count the /64.
/// </summary>
public static class ClientAddresses
{
    /// <summary><c>203.0.113.7</c> for IPv4 (also IPv4-mapped IPv6), <c>2001:db8:1:2::/64</c> for IPv6; null when there is none.</summary>
    public static string? Partition(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The partition of an address as text (a caller's <c>ClientAddress</c>); null when it is missing or not an address.</summary>
    public static string? Partition(string? address) =>
        IPAddress.TryParse(address?.Trim(), out var parsed) ? Partition(parsed) : null;
}
