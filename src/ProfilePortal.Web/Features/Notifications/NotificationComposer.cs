using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Localization;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>A notification's text, ready to store in the outbox.</summary>
public sealed record RenderedNotification(string Subject, string Body, string? ActionUrl);

/// <summary>
/// Writes a notification in the person's language and time zone (SPEC 2.8): what happened, when, from where, and what
/// to do if it was not them, with a link built from Portal:PublicBaseUrl. What happened is the security log's own
/// wording, so the alert and the log entry say the same thing.
/// </summary>
public sealed class NotificationComposer(
    IStringLocalizer<SharedResource> t,
    SecurityEventText events,
    DeviceDescription devices,
    TimeDisplay times,
    PublicLinks links)
{
    public static bool IsSecurityAlert(NotificationKind kind) => kind <= NotificationKind.TokenCreated;

    /// <summary>A security alert for an event of the security log; <paramref name="actor"/>: who did it for the person, if someone did.</summary>
    public RenderedNotification SecurityAlert(AppUser user, NotificationKind kind, SecurityEvent e, ActorKind? actor = null) => PortalLanguages.In(user.PreferredLanguage, () =>
    {
        var lines = new List<string>
        {
            kind == NotificationKind.NewDeviceSignIn
                ? t["Your account was signed in to from a browser or network not seen before."]
                : events.Describe(e, actor),
            t["When: {0}", times.Format(e.OccurredAt, user.TimeZoneId)],
        };
        if (e.IpAddress is not null) lines.Add(t["Network address: {0}", e.IpAddress]);
        if (e.UserAgent is not null) lines.Add(t["Device: {0}", devices.Describe(e.UserAgent)]);
        var action = kind == NotificationKind.TokenCreated ? links.Page("/Settings/Tokens/Index") : links.Page("/Settings/Security/Index");
        lines.Add("");
        lines.Add(kind == NotificationKind.TokenCreated
            ? t["If this was not you, revoke the token and change your password: {0}", action]
            : t["If this was you, there is nothing to do. If it was not, change your password at once and end the sessions you do not recognise: {0}", action]);
        return new RenderedNotification(Subject(kind), string.Join('\n', lines), action);
    });

    /// <summary>A token expiry reminder (7 days, 1 day, expired).</summary>
    public RenderedNotification TokenReminder(AppUser user, NotificationKind kind, PersonalAccessToken token) => PortalLanguages.In(user.PreferredLanguage, () =>
    {
        var name = string.IsNullOrEmpty(token.Description) ? token.DisplayPrefix : $"{token.Description} ({token.DisplayPrefix}…)";
        var when = times.Format(token.ExpiresAt, user.TimeZoneId);
        var action = links.Page("/Settings/Tokens/Index");
        var body = string.Join('\n',
            kind == NotificationKind.TokenExpired ? t["Your API token {0} expired on {1}.", name, when] : t["Your API token {0} expires on {1}.", name, when],
            "",
            t["Programs that use it will be refused once it has expired. Create a new token and replace it where it is used: {0}", action]);
        return new RenderedNotification(Subject(kind), body, action);
    });

    /// <summary>The message "Send test" queues for one channel.</summary>
    public RenderedNotification Test(AppUser user) => PortalLanguages.In(user.PreferredLanguage, () =>
    {
        var action = links.Page("/Settings/Notifications/Index");
        return new RenderedNotification(Subject(NotificationKind.Test),
            string.Join('\n', t["This is a test notification. If you can read it, this channel works."], "", t["Your notification settings: {0}", action]), action);
    });

    /// <summary>The subject of a digest of <paramref name="count"/> notices, in the person's language.</summary>
    public string DigestSubject(AppUser user, int count)
        => PortalLanguages.In(user.PreferredLanguage, () => t["ProfilePortal: {0} notifications", count].Value);

    private string Subject(NotificationKind kind) => kind switch
    {
        NotificationKind.NewDeviceSignIn => t["New sign-in to your account"],
        NotificationKind.PasswordChanged => t["Your password was changed"],
        NotificationKind.PasswordReset => t["Your password was reset"],
        NotificationKind.UsernameChanged => t["Your username was changed"],
        NotificationKind.EmailChangedByAdmin => t["The email address of your account was changed"],
        NotificationKind.TwoFactorChanged => t["Your two-factor authentication changed"],
        NotificationKind.PasskeysChanged => t["Your passkeys changed"],
        NotificationKind.TokenCreated => t["An API token was created"],
        NotificationKind.TokenExpiresIn7Days => t["An API token expires in 7 days"],
        NotificationKind.TokenExpiresIn1Day => t["An API token expires tomorrow"],
        NotificationKind.TokenExpired => t["An API token has expired"],
        _ => t["Test notification"],
    };
}
