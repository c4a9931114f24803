using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Imaging;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Avatars;

namespace ProfilePortal.Web.Features.Administration;

public sealed record OrganizationResult(string? Error, Guid? Id = null)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Organizations and their departments (SPEC 2.9): names unique regardless of case (departments within their
/// organization), logos through the avatar pipeline, every change in the admin audit.
/// </summary>
public sealed class OrganizationAdminService(
    AppDbContext db,
    NameInputValidator validator,
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
        if (await InvalidNameAsync(input, cancellationToken) is { } error) return new(error);
        var name = input.Name!.Trim();
        if (await OrganizationNamedAsync(name, null, cancellationToken))
            return new(t["An organization with this name exists already."]);

        var organization = new Organization { Id = Guid.NewGuid(), Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Organizations.Add(organization);
        if (await SaveAsync(cancellationToken) is false) return new(t["An organization with this name exists already."]);
        await audit.RecordAsync(actorId, AdminAction.OrganizationCreated, name, organization.Id, cancellationToken: cancellationToken);
        return new(null, organization.Id);
    }

    public async Task<OrganizationResult> RenameAsync(Guid actorId, Organization organization, NameInput input, CancellationToken cancellationToken)
    {
        if (await InvalidNameAsync(input, cancellationToken) is { } error) return new(error);
        var name = input.Name!.Trim();
        if (await OrganizationNamedAsync(name, organization.Id, cancellationToken))
            return new(t["An organization with this name exists already."]);

        var old = organization.Name;
        organization.Name = name;
        if (await SaveAsync(cancellationToken) is false) return new(t["An organization with this name exists already."]);
        await audit.RecordAsync(actorId, AdminAction.OrganizationRenamed, $"{old} → {name}", organization.Id, cancellationToken: cancellationToken);
        return new(null, organization.Id);
    }

    /// <summary>Decoded and re-encoded by the avatar pipeline (format sniffed, size and pixel limits, metadata stripped) before anything is stored.</summary>
    public async Task<OrganizationResult> SetLogoAsync(Guid actorId, Organization organization, byte[] upload, CancellationToken cancellationToken)
    {
        var result = await gate.RunAsync(() => processor.Process(upload, null, [LogoSize]), cancellationToken);
        if (!result.Succeeded) return new(avatars.Describe(result.Failure!.Value));

        var image = result.ImageOfSize(LogoSize);
        organization.Logo = image.Data;
        organization.LogoContentType = image.ContentType;
        organization.LogoVersion++;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actorId, AdminAction.OrganizationLogoChanged, null, organization.Id, cancellationToken: cancellationToken);
        return new(null, organization.Id);
    }

    public async Task<OrganizationResult> AddDepartmentAsync(Guid actorId, Organization organization, NameInput input, CancellationToken cancellationToken)
    {
        if (await InvalidNameAsync(input, cancellationToken) is { } error) return new(error);
        var name = input.Name!.Trim();
        if (await DepartmentNamedAsync(organization.Id, name, null, cancellationToken))
            return new(t["This organization has a department with this name already."]);

        var department = new Department { Id = Guid.NewGuid(), Name = name, OrganizationId = organization.Id };
        db.Departments.Add(department);
        if (await SaveAsync(cancellationToken) is false) return new(t["This organization has a department with this name already."]);
        await audit.RecordAsync(actorId, AdminAction.DepartmentCreated, $"{organization.Name} / {name}", organization.Id, cancellationToken: cancellationToken);
        return new(null, department.Id);
    }

    public async Task<OrganizationResult> RenameDepartmentAsync(Guid actorId, Department department, NameInput input, CancellationToken cancellationToken)
    {
        if (await InvalidNameAsync(input, cancellationToken) is { } error) return new(error);
        var name = input.Name!.Trim();
        if (await DepartmentNamedAsync(department.OrganizationId, name, department.Id, cancellationToken))
            return new(t["This organization has a department with this name already."]);

        var old = department.Name;
        department.Name = name;
        if (await SaveAsync(cancellationToken) is false) return new(t["This organization has a department with this name already."]);
        await audit.RecordAsync(actorId, AdminAction.DepartmentRenamed, $"{old} → {name}", department.OrganizationId, cancellationToken: cancellationToken);
        return new(null, department.Id);
    }

    private async Task<string?> InvalidNameAsync(NameInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        return validation.IsValid ? null : validation.Errors[0].ErrorMessage;
    }

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
