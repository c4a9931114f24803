using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Admin.Organizations;

/// <summary>
/// One organization: rename it, upload its logo (the avatar pipeline re-encodes it; the body limit applies before
/// the body is read, as on the avatar page), add and rename its departments.
/// </summary>
[RequestSizeLimit(AvatarService.UploadRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = AvatarService.UploadRequestLimit)]
public class DetailsModel(
    AppDbContext db,
    UserManager<AppUser> userManager,
    OrganizationAdminService organizations,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public IFormFile? Logo { get; set; }
        public string? DepartmentName { get; set; }
        public Guid? DepartmentId { get; set; }
    }

    public Organization Organization { get; private set; } = null!;

    /// <summary>The department whose rename failed, so its form shows the message.</summary>
    public Guid? FailedDepartmentId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Input.Name = Organization.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var result = await organizations.RenameAsync(ActorId, Organization, new NameInput { Name = Input.Name }, cancellationToken);
        if (!result.Validation.AddTo(ModelState)) return Page();
        StatusMessage = t["The organization is now called {0}.", Organization.Name];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLogoAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var result = await organizations.SetLogoAsync(ActorId, Organization, new LogoInput { Logo = Input.Logo }, cancellationToken);
        if (!result.Validation.AddTo(ModelState)) return Page();
        StatusMessage = t["The logo of {0} is saved.", Organization.Name];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAddDepartmentAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var result = await organizations.AddDepartmentAsync(ActorId, Organization, new DepartmentNameInput { DepartmentName = Input.DepartmentName }, cancellationToken);
        if (!result.Validation.AddTo(ModelState)) return Page();
        StatusMessage = t["The department {0} is created.", Input.DepartmentName!.Trim()];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRenameDepartmentAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var department = Organization.Departments.FirstOrDefault(d => d.Id == Input.DepartmentId);
        if (department is null) return NotFound();
        var result = await organizations.RenameDepartmentAsync(ActorId, department, new DepartmentNameInput { DepartmentName = Input.DepartmentName }, cancellationToken);
        if (!result.Validation.AddTo(ModelState))
        {
            FailedDepartmentId = department.Id;
            return Page();
        }

        StatusMessage = t["The department is now called {0}.", department.Name];
        return RedirectToPage(new { id });
    }

    private Guid ActorId => Guid.Parse(userManager.GetUserId(User)!);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.Include(o => o.Departments).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null) return false;
        Organization = organization;
        return true;
    }
}
