using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Imaging;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Avatars;

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
    AvatarService avatars,
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
        if (!result.Succeeded) return Invalid("Input.Name", result.Error!);
        StatusMessage = t["The organization is now called {0}.", Organization.Name];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLogoAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Input.Logo is null) return Invalid("Input.Logo", t["Choose an image to upload."]);
        if (Input.Logo.Length > AvatarService.MaxBytes) return Invalid("Input.Logo", avatars.Describe(AvatarFailureReason.TooLarge));

        using var buffer = new MemoryStream((int)Input.Logo.Length);
        await Input.Logo.CopyToAsync(buffer, cancellationToken);
        var result = await organizations.SetLogoAsync(ActorId, Organization, buffer.ToArray(), cancellationToken);
        if (!result.Succeeded) return Invalid("Input.Logo", result.Error!);
        StatusMessage = t["The logo of {0} is saved.", Organization.Name];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAddDepartmentAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var result = await organizations.AddDepartmentAsync(ActorId, Organization, new NameInput { Name = Input.DepartmentName }, cancellationToken);
        if (!result.Succeeded) return Invalid("Input.DepartmentName", result.Error!);
        StatusMessage = t["The department {0} is created.", Input.DepartmentName!.Trim()];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRenameDepartmentAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var department = Organization.Departments.FirstOrDefault(d => d.Id == Input.DepartmentId);
        if (department is null) return NotFound();
        var result = await organizations.RenameDepartmentAsync(ActorId, department, new NameInput { Name = Input.DepartmentName }, cancellationToken);
        if (!result.Succeeded)
        {
            FailedDepartmentId = department.Id;
            return Invalid("Input.DepartmentName", result.Error!);
        }

        StatusMessage = t["The department is now called {0}.", department.Name];
        return RedirectToPage(new { id });
    }

    private Guid ActorId => Guid.Parse(userManager.GetUserId(User)!);

    private PageResult Invalid(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.Include(o => o.Departments).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null) return false;
        Organization = organization;
        return true;
    }
}
