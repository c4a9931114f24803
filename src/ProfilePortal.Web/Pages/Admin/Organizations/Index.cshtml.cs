using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Admin.Organizations;

public sealed record OrganizationRow(Guid Id, string Name, bool HasLogo, int LogoVersion, int Departments, int People);

/// <summary>Lists the organizations with their departments and people, and creates new ones.</summary>
public class IndexModel(AppDbContext db, UserManager<AppUser> userManager, OrganizationAdminService organizations, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public NameInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<OrganizationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await organizations.CreateAsync(Guid.Parse(userManager.GetUserId(User)!), Input, cancellationToken);
        if (!result.Validation.AddTo(ModelState))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        StatusMessage = t["The organization {0} is created.", Input.Name!.Trim()];
        return RedirectToPage("./Details", new { id = result.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrganizationRow(o.Id, o.Name, o.Logo != null, o.LogoVersion, o.Departments.Count,
                db.Users.Count(u => u.OrganizationId == o.Id)))
            .ToListAsync(cancellationToken);
    }
}
