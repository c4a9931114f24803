using Microsoft.AspNetCore.Authentication;

namespace ProfilePortal.Web.Features.Sessions;

/// <summary>
/// ASP.NET Core's per-request handler provider, with one addition: <see cref="Restart"/> drops the handlers this
/// request already created. The cookie handler remembers the session key it read from the request and, when asked to
/// sign someone in, renews that session instead of starting a new one. After the browser's current session has been
/// ended, a fresh handler finds no session behind the old cookie and stores a new session under a new key.
/// </summary>
public sealed class RestartableAuthenticationHandlerProvider(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    private AuthenticationHandlerProvider _current = new(schemes);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
        => _current.GetHandlerAsync(context, authenticationScheme);

    public void Restart() => _current = new AuthenticationHandlerProvider(schemes);
}
