using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>
/// The real app served by Kestrel on 127.0.0.1 with a port the OS picks, for tests that need a real server:
/// browsers, and request limits that only a real server enforces. Disposing the factory stops the server.
/// </summary>
public class KestrelPortal : PortalFactory
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
