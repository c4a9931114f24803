using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>Why an outbound URL was refused; <see cref="None"/> when it may be called.</summary>
public enum OutboundAddressProblem
{
    None,
    NotAbsoluteHttps,
    HasCredentials,
    HostNotFound,
    NotPublic,
}

/// <summary>
/// Keeps notification requests off the portal's own network (SSRF): a channel URL must be https and every address its
/// host resolves to must be public: no private, loopback, link-local (the cloud metadata service at 169.254.169.254),
/// carrier-grade NAT, multicast, unspecified or unique-local address, IPv4-mapped forms included. Checked when the
/// person saves the URL and again at every connection (<see cref="ConnectAsync"/>, the notification HttpClient's
/// ConnectCallback), so a name that resolves elsewhere later (DNS rebinding) is refused when it matters. Redirects are
/// not followed. Notifications:AllowLoopbackForTests lets tests use http on a loopback address (never in Production).
/// </summary>
public sealed class OutboundAddressGuard(IOptionsMonitor<NotificationOptions> options)
{
    /// <summary>Resolves host names; replaceable so tests can make a name resolve to any address.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; set; } = Dns.GetHostAddressesAsync;

    /// <summary>Checks a URL when it is saved: scheme, no user info, and every address of its host.</summary>
    public async Task<OutboundAddressProblem> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return OutboundAddressProblem.NotAbsoluteHttps;
        if (!string.IsNullOrEmpty(uri.UserInfo)) return OutboundAddressProblem.HasCredentials;
        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && options.CurrentValue.AllowLoopbackForTests;
        if (uri.Scheme != Uri.UriSchemeHttps && !loopbackHttp) return OutboundAddressProblem.NotAbsoluteHttps;

        IPAddress[] addresses;
        try
        {
            addresses = await AddressesOfAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return OutboundAddressProblem.HostNotFound;
        }

        if (addresses.Length == 0) return OutboundAddressProblem.HostNotFound;
        if (!addresses.All(IsAllowed)) return OutboundAddressProblem.NotPublic;
        // Plain http only ever to this machine, and only in tests.
        return uri.Scheme == Uri.UriSchemeHttp && !addresses.All(IPAddress.IsLoopback) ? OutboundAddressProblem.NotAbsoluteHttps : OutboundAddressProblem.None;
    }

    /// <summary>
    /// Opens the connection for the notification HttpClient: resolves the host, refuses if any address is not allowed,
    /// and connects to the checked address itself (not to a second lookup's answer).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = await AddressesOfAsync(endPoint.Host, cancellationToken);
        if (addresses.Length == 0 || !addresses.All(IsAllowed))
        {
            throw new NotificationSendException(DeliveryFailures.AddressNotPublic, permanent: true);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether a connection to <paramref name="address"/> is allowed (loopback only with AllowLoopbackForTests).</summary>
    public bool IsAllowed(IPAddress address)
        => IsPublic(address) || options.CurrentValue.AllowLoopbackForTests && IPAddress.IsLoopback(Unmapped(address));

    /// <summary>True for a globally routable unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        address = Unmapped(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                   // "this network"
                     || b[0] == 10                               // private
                     || b[0] == 127                              // loopback
                     || b[0] == 100 && (b[1] & 0xC0) == 64       // carrier-grade NAT 100.64/10
                     || b[0] == 169 && b[1] == 254               // link-local, cloud metadata
                     || b[0] == 172 && (b[1] & 0xF0) == 16       // private 172.16/12
                     || b[0] == 192 && b[1] == 0 && b[2] == 0    // IETF protocol assignments
                     || b[0] == 192 && b[1] == 168               // private
                     || b[0] == 198 && (b[1] & 0xFE) == 18       // benchmarking 198.18/15
                     || b[0] >= 224);                            // multicast, reserved, broadcast
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        // Only global unicast (2000::/3); NAT64 and 6to4 embed IPv4 addresses that could be private.
        return (bytes[0] & 0xE0) == 0x20 && !(bytes[0] == 0x20 && bytes[1] == 0x02) && !(bytes[0] == 0x00 && bytes[1] == 0x64);
    }

    private async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken cancellationToken)
        => IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Resolve(host, cancellationToken);

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
