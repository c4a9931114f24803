using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Imaging;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Administration;

/// <summary>The input's errors, or the id of the organization or department created or changed.</summary>
public sealed record OrganizationResult(ValidationResult Validation, Guid? Id = null);

/// <summary>
/// Organizations and their departments (SPEC 2.9): names unique regardless of case (departments within their
/// organization), logos through the avatar pipeline, every change in the admin audit.
/// </summary>
public sealed class OrganizationAdminService(
    AppDbContext db,
    IValidator<NameInput> nameValidator,
    IValidator<DepartmentNameInput> departmentNameValidator,
    IValidator<LogoInput> logoValidator,
    IAvatarImageProcessor processor,
    AvatarProcessingGate gate,
    AvatarService avatars,
    AdminAuditService audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t)
{
    /// <summary>Logos are shown small (profile page, admin lists); one 128-pixel WebP is kept.</summary>
    public const int LogoSize = 128;

    public async Task<OrganizationResult> CreateAsync(Guid actorId, NameInput input, CancellationToken cancellationToken)
    {
        var validation = await nameValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new(validation);
        var name = input.Name!.Trim();
        if (await OrganizationNamedAsync(name, null, cancellationToken)) return OrganizationNameTaken();

        var organization = new Organization { Id = Guid.NewGuid(), Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Organizations.Add(organization);
        if (await SaveAsync(cancellationToken) is false) return OrganizationNameTaken();
        await audit.RecordAsync(actorId, AdminAction.OrganizationCreated, name, organization.Id, cancellationToken: cancellationToken);
        return new(validation, organization.Id);
    }

    public async Task<OrganizationResult> RenameAsync(Guid actorId, Organization organization, NameInput input, CancellationToken cancellationToken)
    {
        var validation = await nameValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new(validation);
        var name = input.Name!.Trim();
        if (await OrganizationNamedAsync(name, organization.Id, cancellationToken)) return OrganizationNameTaken();

        var old = organization.Name;
        organization.Name = name;
        if (await SaveAsync(cancellationToken) is false) return OrganizationNameTaken();
        await audit.RecordAsync(actorId, AdminAction.OrganizationRenamed, $"{old} → {name}", organization.Id, cancellationToken: cancellationToken);
        return new(validation, organization.Id);
    }

    /// <summary>Decoded and re-encoded by the avatar pipeline (format sniffed, size and pixel limits, metadata stripped) before anything is stored.</summary>
    public async Task<OrganizationResult> SetLogoAsync(Guid actorId, Organization organization, LogoInput input, CancellationToken cancellationToken)
    {
        var validation = await logoValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new(validation);
        var upload = await AvatarService.ReadAsync(input.Logo!, cancellationToken);
        var result = await gate.RunAsync(() => processor.Process(upload, null, [LogoSize]), cancellationToken);
        if (!result.Succeeded) return new(ValidationErrors.Failure(nameof(input.Logo), avatars.Describe(result.Failure!.Value)));

        var image = result.ImageOfSize(LogoSize);
        organization.Logo = image.Data;
        organization.LogoContentType = image.ContentType;
        organization.LogoVersion++;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actorId, AdminAction.OrganizationLogoChanged, null, organization.Id, cancellationToken: cancellationToken);
        return new(validation, organization.Id);
    }

    public async Task<OrganizationResult> AddDepartmentAsync(Guid actorId, Organization organization, DepartmentNameInput input, CancellationToken cancellationToken)
    {
        var validation = await departmentNameValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new(validation);
        var name = input.DepartmentName!.Trim();
        if (await DepartmentNamedAsync(organization.Id, name, null, cancellationToken)) return DepartmentNameTaken();

        var department = new Department { Id = Guid.NewGuid(), Name = name, OrganizationId = organization.Id };
        db.Departments.Add(department);
        if (await SaveAsync(cancellationToken) is false) return DepartmentNameTaken();
        await audit.RecordAsync(actorId, AdminAction.DepartmentCreated, $"{organization.Name} / {name}", organization.Id, cancellationToken: cancellationToken);
        return new(validation, department.Id);
    }

    public async Task<OrganizationResult> RenameDepartmentAsync(Guid actorId, Department department, DepartmentNameInput input, CancellationToken cancellationToken)
    {
        var validation = await departmentNameValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new(validation);
        var name = input.DepartmentName!.Trim();
        if (await DepartmentNamedAsync(department.OrganizationId, name, department.Id, cancellationToken)) return DepartmentNameTaken();

        var old = department.Name;
        department.Name = name;
        if (await SaveAsync(cancellationToken) is false) return DepartmentNameTaken();
        await audit.RecordAsync(actorId, AdminAction.DepartmentRenamed, $"{old} → {name}", department.OrganizationId, cancellationToken: cancellationToken);
        return new(validation, department.Id);
    }

    private OrganizationResult OrganizationNameTaken()
        => new(ValidationErrors.Failure(nameof(NameInput.Name), t["An organization with this name exists already."]));

    private OrganizationResult DepartmentNameTaken()
        => new(ValidationErrors.Failure(nameof(DepartmentNameInput.DepartmentName), t["This organization has a department with this name already."]));

    // Organizations and departments number in the tens: comparing the names here handles every script's case,
    // which SQLite's upper() does not.
    private async Task<bool> OrganizationNamedAsync(string name, Guid? except, CancellationToken cancellationToken)
        => (await db.Organizations.Where(o => o.Id != except).Select(o => o.Name).ToListAsync(cancellationToken))
            .Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    private async Task<bool> DepartmentNamedAsync(Guid organizationId, string name, Guid? except, CancellationToken cancellationToken)
        => (await db.Departments.Where(d => d.OrganizationId == organizationId && d.Id != except).Select(d => d.Name).ToListAsync(cancellationToken))
            .Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>False when a unique index refused the save (another administrator took the name meanwhile).</summary>
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
