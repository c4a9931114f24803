using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.PersonalData;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Username;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>The outcome of a SCIM change: the person as they are now, or the SCIM error to answer with.</summary>
public sealed record ScimUserOutcome(ScimUserRow? User, IResult? Error);

/// <summary>
/// SCIM Users (RFC 7644) against the accounts: reads are single indexed, untracked queries projected to
/// <see cref="ScimUserRow"/>; changes reuse the portal's rules (username, profile, email) and services (UserManager,
/// UserAdminService for disable/enable, AccountDeletionService, OrganizationAdminService), validate the whole request
/// before anything is saved, and write the admin audit and the person's security log with the provisioning token as
/// actor. People marked "Exclude from sync" are never changed: the change is recorded as skipped.
/// </summary>
public sealed class ScimUserService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    UserAdminService admin,
    AccountDeletionService deletion,
    OrganizationAdminService organizations,
    AdministratorGuard guard,
    AdminAuditService audit,
    SecurityLogService securityLog,
    IValidator<ProfileInput> profileValidator,
    IValidator<ChangeEmailInput> emailValidator,
    AccountAttributeService attributes,
    IValidator<AttributeValueInput> attributeValidator,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t)
{
    public Task<ScimUserRow?> FindAsync(Guid id, CancellationToken cancellationToken)
        => Project(db.Users.AsNoTracking().Where(u => u.Id == id)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>One page in the database (stable order: created, then id) and the count of all matches.</summary>
    public async Task<(List<ScimUserRow> Page, int Total, IResult? Error)> ListAsync(ScimFilter? filter, int startIndex, int count, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (filter is not null)
        {
            foreach (var comparison in filter.Comparisons)
            {
                var (filtered, error) = Where(query, comparison);
                if (error is not null) return ([], 0, error);
                query = filtered!;
            }
        }

        var total = await query.CountAsync(cancellationToken);
        var page = count == 0 ? [] : await Project(query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(startIndex - 1).Take(count)).ToListAsync(cancellationToken);
        return (page, total, null);
    }

    /// <summary>How many times a create starts over after a simultaneous create took the portal username it derived.</summary>
    private const int CreateAttempts = 5;

    public async Task<ScimUserOutcome> CreateAsync((Guid Id, string Name) actor, ScimUserInput input, CancellationToken cancellationToken)
    {
        if (input.UserName is null) return Invalid(t["userName is required."]);
        if (input.GivenName is null && input.FamilyName is null && input.DisplayName is { } display)
        {
            // "First Last": the first word is the given name, the rest the family name.
            var space = display.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0) (input.GivenName, input.FamilyName) = (display[..space], display[(space + 1)..].Trim());
        }

        AppUser user;
        Prepared prepared;
        for (var attempt = 1; ; attempt++)
        {
            user = new AppUser { CreatedAt = Now, TimeZoneId = TimeZoneCatalog.DefaultZone };
            prepared = await PrepareAsync(user, input, isNew: true, cancellationToken);
            if (prepared.Error is not null) return new(null, prepared.Error);

            await CreateMissingOrganizationAsync(actor.Id, prepared, cancellationToken);
            Apply(user, input, prepared);
            IdentityResult? created;
            try
            {
                // No password: the person sets one through "Forgot password" (the identity provider vouched for the address).
                created = await userManager.CreateAsync(user);
            }
            catch (DbUpdateException)
            {
                // A unique index refused the row: another request saved the same userName, address or portal username
                // between the checks and this save.
                created = null;
            }

            if (created is { Succeeded: true }) break;
            // Simultaneous creates whose different userNames derive the same portal username (PortalUserNameAsync) both
            // find it free. The one that saves second starts over: the checks then answer 409 if its userName or address
            // was taken, and otherwise derive the next free username.
            var taken = created is null || created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
            if (!taken) return Conflict(created!);
            db.ChangeTracker.Clear();
            if (attempt == CreateAttempts) return new(null, TakenError());
        }

        Check(await userManager.AddToRoleAsync(user, Roles.Member));
        await WriteAttributesAsync(actor.Id, user.Id, prepared.Attributes, cancellationToken);
        await audit.RecordOnPersonAsync(actor.Id, AdminAction.UserProvisioned, user.Id, SecurityEventType.AccountProvisioned, input.UserName, cancellationToken: cancellationToken);
        if (input.Active == false) await DisableAsync(actor.Id, user, cancellationToken);
        return new(await FindAsync(user.Id, cancellationToken), null);
    }

    /// <summary>
    /// PUT, and PATCH (as the resource after its operations): sets what the input holds. Title and phone number not
    /// sent are cleared; organization and department are kept when the enterprise extension is absent, attributes not
    /// named are kept, active not sent is kept.
    /// </summary>
    public async Task<ScimUserOutcome> UpdateAsync((Guid Id, string Name) actor, Guid id, ScimUserInput input, string request, CancellationToken cancellationToken)
    {
        if (await attributes.IsExcludedFromSyncAsync(id, cancellationToken))
        {
            await audit.RecordAsync(actor.Id, AdminAction.ProvisioningChangeSkipped, request, targetUserId: id, cancellationToken: cancellationToken);
            return new(await FindAsync(id, cancellationToken), null);
        }

        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null) return new(null, NotFound());
        if (input.UserName is null) return Invalid(t["userName is required."]);

        var prepared = await PrepareAsync(user, input, isNew: false, cancellationToken);
        if (prepared.Error is not null) return new(null, prepared.Error);
        if (input.Active == false && user.DisabledAt is null && await guard.IsLastActiveAdministratorAsync(user.Id, cancellationToken))
            return new(null, LastAdministrator(user));

        var oldEmail = user.Email ?? "";
        var oldUserName = user.UserName ?? "";
        var changed = Changes(user, input, prepared);
        if (changed.Count > 0)
        {
            await CreateMissingOrganizationAsync(actor.Id, prepared, cancellationToken);
            Apply(user, input, prepared);
            try
            {
                // A new security stamp voids password-reset links mailed to an old address.
                var saved = changed.Contains("emails") || changed.Contains("userName")
                    ? await userManager.UpdateSecurityStampAsync(user)
                    : await userManager.UpdateAsync(user);
                if (!saved.Succeeded) return Conflict(saved);
                await WriteAttributesAsync(actor.Id, user.Id, prepared.Attributes, cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return new(null, TakenError());
            }

            await audit.RecordOnPersonAsync(actor.Id, AdminAction.UserUpdatedByProvisioning, user.Id, SecurityEventType.ProfileChangedByProvisioning,
                string.Join(", ", changed), cancellationToken: cancellationToken);
            if (changed.Contains("emails"))
            {
                await audit.RecordOnPersonAsync(actor.Id, AdminAction.EmailChanged, user.Id, SecurityEventType.EmailChangedByAdmin,
                    $"{oldEmail} → {user.Email} (verified)", oldEmail.Length == 0 ? null : oldEmail, cancellationToken);
            }

            if (!string.Equals(oldUserName, user.UserName, StringComparison.Ordinal))
                await securityLog.RecordAsync(user.Id, SecurityEventType.UsernameChanged, $"{oldUserName} → {user.UserName}", actor.Id, cancellationToken: cancellationToken);
        }

        if (input.Active == false && user.DisabledAt is null)
        {
            if (await DisableAsync(actor.Id, user, cancellationToken) is { } error) return new(null, error);
        }
        else if (input.Active == true && user.DisabledAt is not null)
        {
            await admin.EnableAsync(actor.Id, user, cancellationToken);
        }

        return new(await FindAsync(user.Id, cancellationToken), null);
    }

    /// <summary>Deletes the account as "Delete my account" does (audit rows kept with the id only), unless excluded from sync.</summary>
    public async Task<IResult?> DeleteAsync((Guid Id, string Name) actor, Guid id, CancellationToken cancellationToken)
    {
        if (await attributes.IsExcludedFromSyncAsync(id, cancellationToken))
        {
            await audit.RecordAsync(actor.Id, AdminAction.ProvisioningChangeSkipped, "DELETE", targetUserId: id, cancellationToken: cancellationToken);
            return null;
        }

        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        var result = await deletion.DeleteByProvisioningAsync(actor.Id, user, cancellationToken);
        return result.IsValid ? null : ScimErrors.Result(StatusCodes.Status409Conflict, result.Errors[0].ErrorMessage);
    }

    /// <summary>The checked, canonical form of an input, or the error that refuses it. Nothing is saved.</summary>
    private sealed record Prepared(IResult? Error)
    {
        public string PortalUserName { get; init; } = "";
        public string Email { get; init; } = "";
        public string? Phone { get; init; }
        public string? OrganizationName { get; init; }
        public Guid? OrganizationId { get; set; }
        public string? DepartmentName { get; init; }
        public Guid? DepartmentId { get; set; }
        public Dictionary<Guid, (string Key, string? Value)> Attributes { get; init; } = [];
    }

    private async Task<Prepared> PrepareAsync(AppUser user, ScimUserInput input, bool isNew, CancellationToken cancellationToken)
    {
        if (input.GivenName is null || input.FamilyName is null)
            return new(InvalidValue(t["name.givenName and name.familyName are required (or a displayName \"First Last\" when creating)."]));
        var profile = await profileValidator.ValidateAsync(new ProfileInput
        {
            FirstName = input.GivenName,
            LastName = input.FamilyName,
            Title = input.Title,
            Phone = input.Phone,
            Address = user.Address,
            Bio = user.Bio,
            TimeZoneId = user.TimeZoneId,
        }, cancellationToken);
        if (!profile.IsValid) return new(InvalidValue(profile.Errors[0].ErrorMessage));

        if (input.Email is null) return new(InvalidValue(t["emails needs an email address."]));
        var email = await emailValidator.ValidateAsync(new ChangeEmailInput { Email = input.Email, MarkVerified = true }, cancellationToken);
        if (!email.IsValid) return new(InvalidValue(email.Errors[0].ErrorMessage));
        if (input.UserName!.Length > Data.Configurations.AppUserConfiguration.ProvisioningIdMaxLength || TextRules.HasControlCharacters(input.UserName))
            return new(InvalidValue(t["userName must be at most {0} characters without control characters.", Data.Configurations.AppUserConfiguration.ProvisioningIdMaxLength]));
        if (input.ExternalId is { Length: > Data.Configurations.AppUserConfiguration.ProvisioningIdMaxLength })
            return new(InvalidValue(t["externalId must be at most {0} characters.", Data.Configurations.AppUserConfiguration.ProvisioningIdMaxLength]));

        // Uniqueness regardless of case, by the indexed normalized columns (never a scan).
        var normalizedUserName = input.UserName.ToUpperInvariant();
        var userNameChanged = isNew || !string.Equals(user.ProvisionedUserName ?? user.UserName, input.UserName, StringComparison.OrdinalIgnoreCase);
        if (userNameChanged && await UserNameTakenAsync(normalizedUserName, user.Id, cancellationToken))
            return new(TakenError());
        var normalizedEmail = userManager.NormalizeEmail(input.Email.Trim());
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail && u.Id != user.Id, cancellationToken))
            return new(TakenError());

        var portalUserName = user.UserName ?? "";
        if (!string.Equals(user.ProvisionedUserName ?? user.UserName, input.UserName, StringComparison.Ordinal))
            portalUserName = await PortalUserNameAsync(input.UserName, user.Id, cancellationToken);

        // Organization and department by name; created (audited) only once everything else passed.
        string? organizationName = null, departmentName = null;
        Guid? organizationId = user.OrganizationId, departmentId = user.DepartmentId;
        if (input.HasEnterprise)
        {
            organizationName = input.Organization;
            departmentName = input.Department;
            organizationId = null;
            departmentId = null;
            if (organizationName is not null)
            {
                organizationId = (await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
                    .FirstOrDefault(o => o.Name.Equals(organizationName, StringComparison.OrdinalIgnoreCase))?.Id;
            }
            else if (departmentName is not null)
            {
                organizationId = user.OrganizationId;
                if (organizationId is null) return new(InvalidValue(t["A department needs an organization."]));
            }

            if (departmentName is not null && organizationId is { } orgId)
            {
                departmentId = (await db.Departments.AsNoTracking().Where(d => d.OrganizationId == orgId).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken))
                    .FirstOrDefault(d => d.Name.Equals(departmentName, StringComparison.OrdinalIgnoreCase))?.Id;
            }
        }

        var (attributes, attributeError) = await ReadAttributesAsync(user.Id, input.Attributes, cancellationToken);
        if (attributeError is not null) return new(attributeError);

        return new Prepared((IResult?)null)
        {
            PortalUserName = portalUserName,
            Email = input.Email.Trim(),
            Phone = input.Phone is null ? null : Profile.PhoneNumbers.Normalize(input.Phone),
            OrganizationName = organizationName,
            OrganizationId = organizationId,
            DepartmentName = departmentName,
            DepartmentId = departmentId,
            Attributes = attributes,
        };
    }

    private async Task CreateMissingOrganizationAsync(Guid actorId, Prepared prepared, CancellationToken cancellationToken)
    {
        if (prepared.OrganizationId is null && prepared.OrganizationName is not null)
        {
            var created = await organizations.CreateAsync(actorId, new NameInput { Name = prepared.OrganizationName }, cancellationToken);
            prepared.OrganizationId = created.Id ?? (await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
                .First(o => o.Name.Equals(prepared.OrganizationName, StringComparison.OrdinalIgnoreCase)).Id;
        }

        if (prepared.DepartmentId is null && prepared.DepartmentName is not null && prepared.OrganizationId is { } orgId)
        {
            var organization = await db.Organizations.FirstAsync(o => o.Id == orgId, cancellationToken);
            var created = await organizations.AddDepartmentAsync(actorId, organization, new DepartmentNameInput { DepartmentName = prepared.DepartmentName }, cancellationToken);
            prepared.DepartmentId = created.Id ?? (await db.Departments.AsNoTracking().Where(d => d.OrganizationId == orgId).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken))
                .First(d => d.Name.Equals(prepared.DepartmentName, StringComparison.OrdinalIgnoreCase)).Id;
        }
    }

    private static List<string> Changes(AppUser user, ScimUserInput input, Prepared prepared)
    {
        var changed = new List<string>();
        if (!string.Equals(user.ProvisionedUserName ?? user.UserName, input.UserName, StringComparison.Ordinal)) changed.Add("userName");
        if (user.ExternalId != input.ExternalId) changed.Add("externalId");
        if (user.FirstName != input.GivenName!.Trim()) changed.Add("name.givenName");
        if (user.LastName != input.FamilyName!.Trim()) changed.Add("name.familyName");
        if ((user.Title ?? "") != (input.Title ?? "")) changed.Add("title");
        if (user.PhoneNumber != prepared.Phone) changed.Add("phoneNumbers");
        if (!string.Equals(user.Email, prepared.Email, StringComparison.Ordinal) || !user.EmailConfirmed) changed.Add("emails");
        if (user.OrganizationId != prepared.OrganizationId || (prepared.OrganizationId is null && prepared.OrganizationName is not null)) changed.Add("organization");
        if (user.DepartmentId != prepared.DepartmentId || (prepared.DepartmentId is null && prepared.DepartmentName is not null)) changed.Add("department");
        changed.AddRange(prepared.Attributes.Values.Select(a => a.Key));
        return changed;
    }

    private void Apply(AppUser user, ScimUserInput input, Prepared prepared)
    {
        // People created in the portal keep no provisioned userName until a provider sets a different one: their
        // SCIM userName then follows their portal username.
        if (!string.Equals(user.ProvisionedUserName ?? user.UserName, input.UserName, StringComparison.Ordinal))
        {
            user.UserName = prepared.PortalUserName;
            user.ProvisionedUserName = input.UserName;
            user.NormalizedProvisionedUserName = input.UserName!.ToUpperInvariant();
        }

        user.ExternalId = input.ExternalId;
        user.FirstName = input.GivenName!.Trim();
        user.LastName = input.FamilyName!.Trim();
        user.Title = input.Title?.Trim();
        user.PhoneNumber = prepared.Phone;
        if (!string.Equals(user.Email, prepared.Email, StringComparison.Ordinal) || !user.EmailConfirmed)
        {
            // The identity provider vouches for the address.
            user.Email = prepared.Email;
            user.EmailConfirmed = true;
            user.EmailVerifiedAt = Now;
        }

        user.OrganizationId = prepared.OrganizationId;
        user.DepartmentId = prepared.DepartmentId;
    }

    private async Task<IResult?> DisableAsync(Guid actorId, AppUser user, CancellationToken cancellationToken)
    {
        var disabled = await admin.DisableAsync(actorId, user, cancellationToken);
        if (!disabled.IsValid) return ScimErrors.Result(StatusCodes.Status409Conflict, disabled.Errors[0].ErrorMessage);
        await admin.RevokeTokensAsync(actorId, user, cancellationToken);
        return null;
    }

    /// <summary>
    /// The portal username for a SCIM userName: the value itself when it is a valid, free username, otherwise derived
    /// from it (the part before "@", other characters as "-", a numeric suffix until free).
    /// </summary>
    private async Task<string> PortalUserNameAsync(string userName, Guid userId, CancellationToken cancellationToken)
    {
        if (IsValidUserName(userName) && !await UserNameTakenAsync(userName.ToUpperInvariant(), userId, cancellationToken)) return userName;
        var at = userName.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? userName[..at] : userName;
        var builder = new StringBuilder();
        foreach (var c in local) builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        var stem = builder.ToString().TrimStart('.', '_', '-');
        if (stem.Length < UsernameRules.MinLength) stem = "user-" + stem;
        if (stem.Length > UsernameRules.MaxLength) stem = stem[..UsernameRules.MaxLength];
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : "-" + n.ToString(CultureInfo.InvariantCulture);
            var candidate = stem[..Math.Min(stem.Length, UsernameRules.MaxLength - suffix.Length)] + suffix;
            if (IsValidUserName(candidate) && !await UserNameTakenAsync(candidate.ToUpperInvariant(), userId, cancellationToken)) return candidate;
        }
    }

    private static bool IsValidUserName(string value)
        => value.Length is >= UsernameRules.MinLength and <= UsernameRules.MaxLength && UsernameRules.HasValidCharacters(value) && !UsernameRules.IsReserved(value);

    /// <summary>A SCIM userName is taken when it is another person's portal username or provisioned userName (regardless of case).</summary>
    private Task<bool> UserNameTakenAsync(string normalized, Guid userId, CancellationToken cancellationToken)
        => db.Users.AnyAsync(u => u.Id != userId && (u.NormalizedUserName == normalized || u.NormalizedProvisionedUserName == normalized), cancellationToken);

    /// <summary>
    /// The portal attributes sent, checked against their definitions and put in canonical form (null clears). Direct
    /// reads of the definitions: the whole request is checked before anything is written.
    /// </summary>
    private async Task<(Dictionary<Guid, (string Key, string? Value)> Values, IResult? Error)> ReadAttributesAsync(Guid userId, Dictionary<string, JsonNode?> sent, CancellationToken cancellationToken)
    {
        var values = new Dictionary<Guid, (string Key, string? Value)>();
        if (sent.Count == 0) return (values, null);
        var definitions = await db.AccountAttributeDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        var current = await db.AccountAttributeValues.AsNoTracking().Where(v => v.UserId == userId).ToDictionaryAsync(v => v.DefinitionId, v => v.Value, cancellationToken);
        foreach (var (key, node) in sent)
        {
            var definition = definitions.FirstOrDefault(d => d.Key == key);
            if (definition is null) return (values, InvalidValue(t["Unknown attribute {0}.", ScimSchemas.PortalAttributes + ":" + key]));
            string? value = null;
            if (node is not null)
            {
                value = await CanonicalAsync(definition, node, cancellationToken);
                if (value is null) return (values, InvalidValue(t["{0} has a value that is not valid for its type.", key]));
            }

            var old = current.GetValueOrDefault(definition.Id);
            if (old == value) continue;
            // Only an administrator decides who is excluded from sync.
            if (definition.Id == BuiltInAttributes.ExcludeFromSyncId)
                return (values, ScimErrors.Result(StatusCodes.Status400BadRequest, t["{0} cannot be changed by provisioning.", key], ScimErrorType.Mutability));
            values[definition.Id] = (key, value);
        }

        return (values, null);
    }

    /// <summary>
    /// The canonical stored form of a value sent for an attribute, checked by the attributes feature's own rules (a
    /// JSON boolean counts as "true"/"false"); null when the value is not valid for the attribute's type.
    /// </summary>
    private async Task<string?> CanonicalAsync(AccountAttributeDefinition definition, JsonNode node, CancellationToken cancellationToken)
    {
        string? raw = null;
        if (node is JsonValue value)
        {
            if (value.TryGetValue<bool>(out var yes)) raw = yes ? BuiltInAttributes.Yes : BuiltInAttributes.No;
            else if (value.TryGetValue<string>(out var text)) raw = text;
        }

        if (string.IsNullOrWhiteSpace(raw)) return null;
        var input = new AttributeValueInput(definition, raw);
        return (await attributeValidator.ValidateAsync(input, cancellationToken)).IsValid ? input.Canonical() : null;
    }

    /// <summary>Writes the checked attribute values (null clears) through the attributes feature: audited per value with the token as actor.</summary>
    private async Task WriteAttributesAsync(Guid actorId, Guid userId, Dictionary<Guid, (string Key, string? Value)> values, CancellationToken cancellationToken)
    {
        foreach (var (_, (key, value)) in values)
        {
            var result = await attributes.SetValueAsync(actorId, userId, key, value, cancellationToken);
            // Checked a moment ago with the same rules; a definition deleted in between is the only way to fail.
            if (!result.IsValid) throw new InvalidOperationException("Attribute " + key + " could not be set: " + result.Errors[0].ErrorMessage);
        }
    }

    private (IQueryable<AppUser>? Query, IResult? Error) Where(IQueryable<AppUser> query, ScimComparison comparison)
    {
        var path = comparison.Path;
        var core = path.Schema is null || path.Schema.Equals(ScimSchemas.User, StringComparison.OrdinalIgnoreCase);
        var text = comparison.StringValue;
        if (core && path.Is("userName") && text is not null)
        {
            var normalized = text.ToUpperInvariant();
            return (query.Where(u => u.NormalizedProvisionedUserName == normalized || (u.ProvisionedUserName == null && u.NormalizedUserName == normalized)), null);
        }

        if (core && path.Is("externalId"))
            return (query.Where(u => u.ExternalId == text), null);
        if (core && path.Is("id"))
            return (Guid.TryParse(text, out var id) ? query.Where(u => u.Id == id) : query.Where(u => false), null);
        if (core && path.Is("active") && comparison.Value is bool active)
            return (active ? query.Where(u => u.DisabledAt == null) : query.Where(u => u.DisabledAt != null), null);
        if (core && path.Name.Equals("emails", StringComparison.OrdinalIgnoreCase) && (path.SubAttribute is null || path.Is("emails", "value")) && text is not null)
        {
            // The portal's one address is returned as type "work", primary.
            var onlyWork = path.ValueFilter?.Comparisons.All(c =>
                (c.Path.Is("type") && "work".Equals(c.StringValue, StringComparison.OrdinalIgnoreCase)) || (c.Path.Is("primary") && c.Value is true)) ?? true;
            if (!onlyWork) return (query.Where(u => false), null);
            var normalized = userManager.NormalizeEmail(text);
            return (query.Where(u => u.NormalizedEmail == normalized), null);
        }

        return (null, ScimErrors.Result(StatusCodes.Status400BadRequest,
            t["Filtering by {0} is not supported. Filter by userName, externalId, id, active or emails[type eq \"work\"].value with eq.", path.ToString()],
            ScimErrorType.InvalidFilter));
    }

    private IQueryable<ScimUserRow> Project(IQueryable<AppUser> users)
        => users.Select(u => new ScimUserRow
        {
            Id = u.Id,
            UserName = u.UserName,
            ProvisionedUserName = u.ProvisionedUserName,
            ExternalId = u.ExternalId,
            FirstName = u.FirstName,
            LastName = u.LastName,
            Title = u.Title,
            Email = u.Email,
            PhoneNumber = u.PhoneNumber,
            DisabledAt = u.DisabledAt,
            CreatedAt = u.CreatedAt,
            OrganizationName = u.Organization!.Name,
            DepartmentName = u.Department!.Name,
            RoleId = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => (Guid?)ur.RoleId).FirstOrDefault(),
            RoleName = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            Attributes = db.AccountAttributeValues.Where(v => v.UserId == u.Id)
                .Select(v => new ScimAttributeValueRow(v.Definition!.Key, v.Definition.Type, v.Value)).ToList(),
        });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private ScimUserOutcome Invalid(string detail) => new(null, InvalidValue(detail));

    private static IResult InvalidValue(string detail) => ScimErrors.Result(StatusCodes.Status400BadRequest, detail, ScimErrorType.InvalidValue);

    private IResult TakenError()
        => ScimErrors.Result(StatusCodes.Status409Conflict, t["Another account has this userName or email address."], ScimErrorType.Uniqueness);

    private IResult NotFound() => ScimErrors.Result(StatusCodes.Status404NotFound, t["No user with this id."]);

    private IResult LastAdministrator(AppUser user)
        => ScimErrors.Result(StatusCodes.Status409Conflict, t["{0} is the last active administrator. Make someone else an administrator first.", user.FullName]);

    private ScimUserOutcome Conflict(IdentityResult result)
    {
        db.ChangeTracker.Clear();
        return result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
            ? new(null, TakenError())
            : new(null, InvalidValue(string.Join(" ", result.Errors.Select(e => e.Description))));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Account update failed: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }
}
