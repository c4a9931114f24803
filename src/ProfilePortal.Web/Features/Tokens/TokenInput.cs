using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Tokens;

/// <summary>What the person sets on a token both when creating and when editing it.</summary>
public class TokenDetailsInput
{
    public string? Description { get; set; }

    /// <summary>"Never expires" chosen; otherwise <see cref="ExpiresOn"/> is required.</summary>
    public bool NeverExpires { get; set; }

    /// <summary>The last day the token works, in the person's time zone.</summary>
    public DateOnly? ExpiresOn { get; set; }

    /// <summary>The person's time zone, which decides what "today" is. Set by the handler, never bound from the form.</summary>
    [BindNever]
    public string TimeZoneId { get; set; } = TimeZoneCatalog.DefaultZone;
}

/// <summary>The new-token form on /Settings/Tokens.</summary>
public sealed class CreateTokenInput : TokenDetailsInput
{
    public bool Read { get; set; }
    public bool Write { get; set; }

    public Data.TokenScopes Scopes => (Read ? Data.TokenScopes.Read : 0) | (Write ? Data.TokenScopes.Write : 0);
}

/// <summary>The edit form on /Settings/Tokens/Edit/{id}: description and expiry only (scopes are fixed at creation).</summary>
public sealed class EditTokenInput : TokenDetailsInput;

/// <summary>What the shared expiry fields (Pages/Settings/Tokens/_ExpiryFields) need from the page showing them.</summary>
public interface ITokenExpiryForm
{
    TokenDetailsInput Input { get; }
    string TimeZoneId { get; }
    DateOnly FirstExpiryDate { get; }
    DateOnly LastExpiryDate { get; }
    ApiTokenOptions Options { get; }
}
