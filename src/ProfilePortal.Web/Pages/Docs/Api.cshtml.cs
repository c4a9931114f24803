using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Api;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Throttling;

namespace ProfilePortal.Web.Pages.Docs;

/// <summary>/docs/api: how to call the API with a personal access token (SPEC 2.6), with examples for this server.</summary>
[AllowAnonymous]
public class ApiModel(IOptions<ApiOptions> options, IOptions<PortalOptions> portal, IOptions<ThrottlingOptions> throttling) : PageModel
{
    public string BaseUrl { get; private set; } = "";
    public ApiOptions.RateLimitOptions RateLimit => options.Value.RateLimit;
    public ThrottlingOptions.AttemptLimit FailureLimit => throttling.Value.ApiAuthenticationFailures.PerIp;

    public string CurlGet => $"curl -H \"Authorization: Bearer $PROFILEPORTAL_TOKEN\" {BaseUrl}/api/v1/me";

    public string CurlPatch => $"curl -X PATCH -H \"Authorization: Bearer $PROFILEPORTAL_TOKEN\" -H \"Content-Type: application/json\" \\\n     -d '{{\"title\": \"Staff engineer\", \"bio\": null}}' {BaseUrl}/api/v1/me";

    public string CurlAvatar => $"curl -H \"Authorization: Bearer $PROFILEPORTAL_TOKEN\" -o avatar.webp \"{BaseUrl}/api/v1/me/avatar?size=512\"";

    public const string ValidationExample = """
        {
          "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
          "title": "The profile was not changed.",
          "status": 400,
          "errors": {
            "firstName": ["First name must be between 2 and 100 characters."],
            "phone": ["This is not a valid phone number for country code +1."]
          }
        }
        """;

    // The examples name the public address (Portal:PublicBaseUrl), never the Host header a request happened to send.
    public void OnGet() => BaseUrl = portal.Value.PublicBase;
}
