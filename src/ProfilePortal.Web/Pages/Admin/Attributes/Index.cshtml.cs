using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Admin.Attributes;

/// <summary>Lists the account attributes (SPEC 2.9a) with how many people have a value, and defines new ones.</summary>
public class IndexModel(UserManager<AppUser> userManager, AccountAttributeService attributes, AttributeText text, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public AttributeDefinitionInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<AttributeDefinitionRow> Rows { get; private set; } = [];

    public AttributeText Text => text;

    public static IReadOnlyList<AttributeType> Types { get; } = Enum.GetValues<AttributeType>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Type = AttributeType.YesNo;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await attributes.CreateAsync(Guid.Parse(userManager.GetUserId(User)!), Input, cancellationToken);
        if (!result.Validation.AddTo(ModelState))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        StatusMessage = t["The attribute {0} is added.", Input.Label!.Trim()];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Rows = await attributes.ListDefinitionsAsync(cancellationToken);
}
