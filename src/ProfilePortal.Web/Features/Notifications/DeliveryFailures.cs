using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>
/// Why a delivery failed, as shown to the person (translated on the page: each is a key of SharedResource) and logged.
/// Fixed sentences only: never a URL, token, address or response body.
/// </summary>
[LocalizedTexts]
public static class DeliveryFailures
{
    public const string ChannelRemoved = "The channel was removed before the message was sent.";
    public const string ChannelSwitchedOff = "The channel was switched off before the message was sent.";
    public const string SecretUnreadable = "The channel's address can no longer be read; enter it again.";
    public const string ChannelNotOffered = "This channel is not offered any more.";
    public const string Timeout = "The service did not answer in time.";
    public const string Unknown = "The message could not be sent.";
    public const string NoAddress = "There is no address to send to.";
    public const string RecipientRefused = "The mail server refused the address.";
    public const string MailServerRefused = "The mail server refused the message.";
    public const string MailServerUnreachable = "The mail server could not be reached.";
    public const string AddressNotPublic = "The address is not a public internet address.";
    public const string AddressNotHttps = "The address must start with https://.";
    public const string Redirected = "The service answered with a redirect, which is not followed; check the address.";
    public const string CredentialsRefused = "The service refused the credentials; check the address or token.";
    public const string AddressUnknown = "The service does not know this address; check it or enter it again.";
    public const string RequestRefused = "The service refused the message.";
    public const string ServiceUnavailable = "The service was unavailable.";
    public const string RateLimited = "The service asked to send fewer messages.";
    public const string ServiceUnreachable = "The service could not be reached.";
    public const string NotificationsSwitchedOff = "Notifications were switched off.";
}
