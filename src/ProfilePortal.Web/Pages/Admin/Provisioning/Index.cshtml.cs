using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Provisioning;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Admin.Provisioning;

public sealed class ProvisioningTokenInput
{
    public string? Name { get; set; }
}

public sealed record ProvisioningTokenRow(ProvisioningToken Token, string CreatedBy);

/// <summary>
/// The provisioning tokens identity providers use for SCIM (SPEC 2.9a): listed with their use, created (the value shown
/// once), revoked after a confirmation step (?revoke={id}, no JavaScript needed). Creating and revoking are audited by
/// ProvisioningTokenService and, like every admin action, ask for the password again when the confirmation is stale.
/// </summary>
public class IndexModel(
    UserManager<AppUser> userManager,
    ProvisioningTokenService tokens,
    AuditActors auditActors,
    PublicLinks links,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ProvisioningTokenInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>
    /// The value of the token just created, carried across the redirect in the encrypted TempData cookie and deleted
    /// once shown: a reload never shows it again, and the server keeps no copy (as on /Settings/Tokens).
    /// </summary>
    [TempData]
    public string? NewTokenValue { get; set; }

    public IReadOnlyList<ProvisioningTokenRow> Rows { get; private set; } = [];

    /// <summary>The active token whose revocation is being confirmed (GET ?revoke={id}).</summary>
    public ProvisioningToken? Revoking { get; private set; }

    /// <summary>What the identity provider is given as the SCIM endpoint ("Tenant URL" in Entra ID, "SCIM connector base URL" in Okta).</summary>
    public string ScimBaseUrl => links.Path(ProvisioningSetup.BasePath);

    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;

    public string Time(DateTime? utc) => times.Format(utc, TimeZoneId);

    public async Task<IActionResult> OnGetAsync(Guid? revoke, CancellationToken cancellationToken)
    {
        // The new token's value is on this response: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        if (revoke is { } id) Revoking = await tokens.FindActiveAsync(id, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var (created, validation) = await tokens.CreateAsync(ActorId, Input.Name, cancellationToken);
        if (!validation.AddTo(ModelState) || created is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        NewTokenValue = created.Value;
        StatusMessage = t["The provisioning token {0} has been created. Copy it now: it will not be shown again.", created.Token.Name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        if (await tokens.FindActiveAsync(tokenId, cancellationToken) is not { } token
            || !await tokens.RevokeAsync(ActorId, tokenId, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = t["The provisioning token {0} has been revoked. The identity provider using it is refused from its next request.", token.Name];
        return RedirectToPage();
    }

    private Guid ActorId => Guid.Parse(userManager.GetUserId(User)!);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        TimeZoneId = (await userManager.GetUserAsync(User))?.TimeZoneId ?? TimeZoneCatalog.DefaultZone;
        var list = await tokens.ListAsync(cancellationToken);
        var creators = await auditActors.ResolveAsync(list.Select(p => (Guid?)p.CreatedById), cancellationToken);
        Rows = list.Select(p => new ProvisioningTokenRow(p, creators[p.CreatedById].Name)).ToList();
    }
}
