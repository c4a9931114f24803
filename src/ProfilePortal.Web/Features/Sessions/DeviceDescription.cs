using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Sessions;

/// <summary>"Chrome 120 on Windows", in the person's language, for a stored user-agent string.</summary>
public sealed class DeviceDescription(IStringLocalizer<SharedResource> t)
{
    public string Describe(string? userAgent)
    {
        var device = UserAgentParser.Parse(userAgent);
        return t["{0} on {1}", device.BrowserWithVersion ?? t["Unknown browser"], device.OperatingSystem ?? t["an unknown system"]];
    }
}
