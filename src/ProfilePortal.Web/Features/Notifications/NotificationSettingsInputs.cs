using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>One channel's card on the Notifications page: its contact and its on/off switch.</summary>
public sealed class NotificationChannelInput
{
    public NotificationChannelKind Kind { get; set; }

    /// <summary>Email address, phone, Telegram chat id/@handle or URL; empty keeps a saved URL (or, for email, means the login email).</summary>
    public string? Contact { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Set by the service, never bound: a URL is already saved, so an empty field keeps it.</summary>
    [BindNever]
    public bool HasSavedContact { get; set; }
}

/// <summary>The format and address rules of each channel (SPEC 2.8); the URL channels also resolve the host (SSRF).</summary>
public sealed partial class NotificationChannelInputValidator : AbstractValidator<NotificationChannelInput>
{
    public const int UrlMaxLength = 2000;

    public NotificationChannelInputValidator(IStringLocalizer<SharedResource> t, IOptionsMonitor<NotificationOptions> options, OutboundAddressGuard guard)
    {
        RuleFor(x => x.Contact).CustomAsync(async (value, context, cancellationToken) =>
        {
            var input = context.InstanceToValidate;
            var contact = value?.Trim() ?? "";
            if (contact.Length == 0)
            {
                // Email falls back to the login email; a saved URL stays when the field is left empty.
                if (input.Kind != NotificationChannelKind.Email && !input.HasSavedContact)
                {
                    context.AddFailure(input.Kind switch
                    {
                        NotificationChannelKind.Sms => t["Enter a phone number."],
                        NotificationChannelKind.Telegram => t["Enter a Telegram chat id or @username."],
                        _ => t["Enter the webhook URL."],
                    });
                }

                return;
            }

            var problem = input.Kind switch
            {
                NotificationChannelKind.Email => CheckEmail(t, contact),
                NotificationChannelKind.Sms => Profile.PhoneNumbers.Check(contact) is { Problem: not PhoneNumberProblem.None } check ? ProfileInputValidator.PhoneProblemMessage(t, check) : null,
                NotificationChannelKind.Telegram => TelegramChat().IsMatch(contact) ? null
                    : t["Enter a numeric chat id (for example 123456789, or -100123456789 for a group) or a @username of 5 to 32 letters, digits and underscores, starting with a letter."].Value,
                NotificationChannelKind.Slack => await CheckUrlAsync(t, guard, contact, options.CurrentValue.Channels.Slack.AllowedHosts, "Slack", cancellationToken),
                NotificationChannelKind.Teams => await CheckUrlAsync(t, guard, contact, options.CurrentValue.Channels.Teams.AllowedHosts, "Microsoft Teams", cancellationToken),
                _ => await CheckUrlAsync(t, guard, contact, null, null, cancellationToken),
            };
            if (problem is not null) context.AddFailure(problem);
        });
    }

    /// <summary>A host on the list: equal to an entry, or under an entry that starts with a dot (".webhook.office.com").</summary>
    public static bool IsAllowedHost(string host, IEnumerable<string> allowed)
        => allowed.Any(a => a.StartsWith('.')
            ? host.EndsWith(a, StringComparison.OrdinalIgnoreCase) && host.Length > a.Length
            : string.Equals(host, a, StringComparison.OrdinalIgnoreCase));

    private static string? CheckEmail(IStringLocalizer t, string email)
    {
        if (email.Length > ChangeEmailInputValidator.MaxLength) return t["An email address has at most {0} characters.", ChangeEmailInputValidator.MaxLength];
        return ChangeEmailInputValidator.IsEmail(email) ? null : t["Enter an email address like name@example.com."].Value;
    }

    private static async Task<string?> CheckUrlAsync(IStringLocalizer t, OutboundAddressGuard guard, string url, string[]? allowedHosts, string? service, CancellationToken cancellationToken)
    {
        if (url.Length > UrlMaxLength) return t["The URL is too long (at most {0} characters).", UrlMaxLength];
        // The host list first: it needs no lookup, and a wrong service's URL gets the clearer message.
        if (allowedHosts is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && !IsAllowedHost(uri.IdnHost, allowedHosts))
            return t["This is not a {0} incoming webhook URL: its host must be {1}.", service!, string.Join(", ", allowedHosts.Select(h => h.StartsWith('.') ? "*" + h : h))];

        return await guard.CheckAsync(url, cancellationToken) switch
        {
            OutboundAddressProblem.None => null,
            OutboundAddressProblem.HasCredentials => t["The URL must not contain a user name or password."].Value,
            OutboundAddressProblem.HostNotFound => t["The URL's host name could not be found."],
            OutboundAddressProblem.NotPublic => t["The URL must point to a public internet address, not a private, loopback or link-local one."],
            _ => t["Enter a complete URL starting with https://."],
        };
    }

    // A numeric chat id (negative for groups and channels) or a public @username.
    [GeneratedRegex(@"^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$")]
    private static partial Regex TelegramChat();
}

/// <summary>The Frequency section: how often account notices are sent.</summary>
public sealed class NotificationFrequencyInput
{
    /// <summary>A <see cref="NotificationFrequency"/> name; bound as text so a wrong value gets one clear message.</summary>
    public string? Frequency { get; set; }
}

public sealed class NotificationFrequencyInputValidator : AbstractValidator<NotificationFrequencyInput>
{
    public NotificationFrequencyInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Frequency)
            .Must(v => v is not null && Enum.GetNames<NotificationFrequency>().Contains(v, StringComparer.Ordinal))
            .WithMessage(_ => t["Choose how often you want to be notified."]);
    }
}
