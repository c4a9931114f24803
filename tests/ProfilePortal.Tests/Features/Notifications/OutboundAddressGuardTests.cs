using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>Which addresses notification requests may reach, and the check of a URL when it is saved.</summary>
public class OutboundAddressGuardTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002::1")]
    [InlineData("2002:a00:1::1")]
    public void IsPublic_PrivateLoopbackLinkLocalOrSpecial_False(string address)
        => Assert.False(OutboundAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("2a00:1450:4001:830::200e")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPublic_GloballyRoutable_True(string address)
        => Assert.True(OutboundAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("not a url", OutboundAddressProblem.NotAbsoluteHttps)]
    [InlineData("/relative/path", OutboundAddressProblem.NotAbsoluteHttps)]
    [InlineData("http://public.test/hook", OutboundAddressProblem.NotAbsoluteHttps)]
    [InlineData("ftp://public.test/hook", OutboundAddressProblem.NotAbsoluteHttps)]
    [InlineData("https://user:secret@public.test/hook", OutboundAddressProblem.HasCredentials)]
    [InlineData("https://user@public.test/hook", OutboundAddressProblem.HasCredentials)]
    [InlineData("https://unknown.test/hook", OutboundAddressProblem.HostNotFound)]
    [InlineData("https://nothing.test/hook", OutboundAddressProblem.HostNotFound)]
    [InlineData("https://private.test/hook", OutboundAddressProblem.NotPublic)]
    [InlineData("https://mixed.test/hook", OutboundAddressProblem.NotPublic)]
    [InlineData("https://metadata.test/latest", OutboundAddressProblem.NotPublic)]
    [InlineData("https://mapped.test/hook", OutboundAddressProblem.NotPublic)]
    [InlineData("https://127.0.0.1/hook", OutboundAddressProblem.NotPublic)]
    [InlineData("https://[::1]/hook", OutboundAddressProblem.NotPublic)]
    [InlineData("https://169.254.169.254/latest/meta-data", OutboundAddressProblem.NotPublic)]
    [InlineData("https://localhost:8443/hook", OutboundAddressProblem.NotPublic)]
    [InlineData("http://127.0.0.1:5000/hook", OutboundAddressProblem.NotAbsoluteHttps)]
    [InlineData("https://public.test/hook", OutboundAddressProblem.None)]
    [InlineData("https://public.test:8443/services/T/B/x?y=1", OutboundAddressProblem.None)]
    [InlineData("https://8.8.8.8/hook", OutboundAddressProblem.None)]
    public async Task CheckAsync_Deployed_RefusesWhatIsNotHttpsToPublicAddresses(string url, OutboundAddressProblem expected)
        => Assert.Equal(expected, await Guard(allowLoopback: false).CheckAsync(url, CancellationToken.None));

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook", OutboundAddressProblem.None)]
    [InlineData("http://localhost:5000/hook", OutboundAddressProblem.None)]
    [InlineData("https://127.0.0.1:5000/hook", OutboundAddressProblem.None)]
    [InlineData("http://public.test/hook", OutboundAddressProblem.NotAbsoluteHttps)]
    [InlineData("http://private.test/hook", OutboundAddressProblem.NotPublic)]
    [InlineData("https://private.test/hook", OutboundAddressProblem.NotPublic)]
    public async Task CheckAsync_LoopbackAllowedForTests_OnlyLoopbackMayUseHttp(string url, OutboundAddressProblem expected)
        => Assert.Equal(expected, await Guard(allowLoopback: true).CheckAsync(url, CancellationToken.None));

    [Fact]
    public void IsAllowed_LoopbackOnlyWhenAllowedForTests()
    {
        Assert.False(Guard(allowLoopback: false).IsAllowed(IPAddress.Loopback));
        Assert.True(Guard(allowLoopback: true).IsAllowed(IPAddress.Loopback));
        Assert.True(Guard(allowLoopback: true).IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(Guard(allowLoopback: true).IsAllowed(IPAddress.Parse("10.0.0.1")));
        Assert.True(Guard(allowLoopback: false).IsAllowed(IPAddress.Parse("8.8.8.8")));
    }

    /// <summary>A guard whose resolver knows a few names and nothing else (no DNS in unit tests).</summary>
    private static OutboundAddressGuard Guard(bool allowLoopback)
    {
        var names = new Dictionary<string, string[]>
        {
            ["public.test"] = ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
            ["private.test"] = ["192.168.1.20"],
            ["mixed.test"] = ["93.184.215.14", "10.1.2.3"],
            ["metadata.test"] = ["169.254.169.254"],
            ["mapped.test"] = ["::ffff:10.0.0.1"],
            ["localhost"] = ["127.0.0.1", "::1"],
            ["nothing.test"] = [],
        };
        var options = new NotificationOptions { AllowLoopbackForTests = allowLoopback };
        return new OutboundAddressGuard(new FixedOptions(options))
        {
            Resolve = (host, _) => names.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)),
        };
    }

    private sealed class FixedOptions(NotificationOptions value) : IOptionsMonitor<NotificationOptions>
    {
        public NotificationOptions CurrentValue => value;

        public NotificationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<NotificationOptions, string?> listener) => null;
    }
}
