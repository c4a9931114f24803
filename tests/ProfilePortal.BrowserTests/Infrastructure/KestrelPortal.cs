using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.BrowserTests.Infrastructure;

/// <summary>
/// The real app (same SQLite-per-factory setup as the integration tests) served by Kestrel on 127.0.0.1 with a
/// port the OS picks, so a real browser reaches it over TCP. Disposing the factory stops the server.
/// </summary>
public sealed class KestrelPortal : PortalFactory
{
    public KestrelPortal() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }
}
