using System.Linq.Expressions;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Data.Configurations;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Persistence;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Attributes;

/// <summary>A definition with the number of people who have a value of it.</summary>
public sealed record AttributeDefinitionRow(AccountAttributeDefinition Definition, int People);

/// <summary>A definition with one person's value of it (null: no value).</summary>
public sealed record AttributeWithValue(AccountAttributeDefinition Definition, string? Value);

/// <summary>The input's errors, or the id of the definition created or changed.</summary>
public sealed record AttributeResult(ValidationResult Validation, Guid? Id = null);

/// <summary>
/// Account attributes (SPEC 2.9a): their definitions (/Admin/Attributes) and each person's values, every value
/// checked by its type and every change in the admin audit and the person's security log. Provisioning (SCIM) sets
/// values through <see cref="SetValueAsync(Guid, Guid, string, string?, CancellationToken)"/> with its token's id as
/// the actor and asks <see cref="IsExcludedFromSyncAsync"/> before changing a person.
/// </summary>
public sealed class AccountAttributeService(
    AppDbContext db,
    IValidator<AttributeDefinitionInput> definitionValidator,
    IValidator<AttributeValueInput> valueValidator,
    AdminAuditService audit,
    SecurityLogService securityLog,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t)
{
    /// <summary>ValidationFailure.ErrorCode of a key that names no attribute (SetValueAsync by key).</summary>
    public const string UnknownAttributeCode = "UnknownAttribute";

    /// <summary>The one rule of what the person sees of their own attributes: profile page, API and nothing else.</summary>
    public static readonly Expression<Func<AccountAttributeDefinition, bool>> ShownToPerson = d => d.ShownOnProfile;

    /// <summary>The person may set the value themselves (only what they also see: the validator enforces it too).</summary>
    public static bool EditableByPerson(AccountAttributeDefinition definition)
        => definition.ShownOnProfile && definition.EditableBy == AttributeEditor.PersonToo;

    public async Task<IReadOnlyList<AttributeDefinitionRow>> ListDefinitionsAsync(CancellationToken cancellationToken)
        => await db.AccountAttributeDefinitions.AsNoTracking().OrderBy(d => d.Position).ThenBy(d => d.Key)
            .Select(d => new AttributeDefinitionRow(d, db.AccountAttributeValues.Count(v => v.DefinitionId == d.Id)))
            .ToListAsync(cancellationToken);

    /// <summary>The definition, tracked for a change; null when there is none.</summary>
    public Task<AccountAttributeDefinition?> FindDefinitionAsync(Guid id, CancellationToken cancellationToken)
        => db.AccountAttributeDefinitions.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    public Task<int> CountValuesAsync(Guid definitionId, CancellationToken cancellationToken)
        => db.AccountAttributeValues.CountAsync(v => v.DefinitionId == definitionId, cancellationToken);

    public async Task<AttributeResult> CreateAsync(Guid actorId, AttributeDefinitionInput input, CancellationToken cancellationToken)
    {
        var validation = await definitionValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new(validation);
        var key = input.Key!.Trim();
        var label = input.Label!.Trim();
        if (await db.AccountAttributeDefinitions.AnyAsync(d => d.Key == key, cancellationToken)) return KeyTaken();
        if (await LabelTakenAsync(label, null, cancellationToken)) return LabelTaken();

        var position = await db.AccountAttributeDefinitions.MaxAsync(d => (int?)d.Position, cancellationToken) ?? 0;
        var definition = new AccountAttributeDefinition
        {
            Id = Guid.NewGuid(),
            Key = key,
            Label = label,
            Type = input.Type!.Value,
            Choices = input.ChoiceList().ToList(),
            EditableBy = input.EditableBy!.Value,
            ShownOnProfile = input.ShownOnProfile,
            Position = position + 1,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AccountAttributeDefinitions.Add(definition);
        if (!await SaveAsync(cancellationToken)) return KeyTaken();
        await audit.RecordAsync(actorId, AdminAction.AttributeDefined, $"{key} ({label}, {definition.Type})", cancellationToken: cancellationToken);
        return new(validation, definition.Id);
    }

    /// <summary>
    /// Changes label, who edits, whether it is shown and (lists) the choices. Key and type stay as created: values and
    /// provisioning rely on them. Built-in attributes keep who edits them too. A choice in use cannot be removed.
    /// </summary>
    public async Task<AttributeResult> ChangeAsync(Guid actorId, AccountAttributeDefinition definition, AttributeDefinitionInput input, CancellationToken cancellationToken)
    {
        input.Key = definition.Key;
        input.Type = definition.Type;
        if (definition.IsBuiltIn) input.EditableBy = definition.EditableBy;
        var validation = await definitionValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new(validation);
        var label = input.Label!.Trim();
        if (await LabelTakenAsync(label, definition.Id, cancellationToken)) return LabelTaken();

        var choices = input.ChoiceList().ToList();
        var removed = definition.Choices.Except(choices, StringComparer.Ordinal).ToList();
        if (removed.Count > 0
            && await db.AccountAttributeValues.Where(v => v.DefinitionId == definition.Id && removed.Contains(v.Value)).Select(v => v.Value).FirstOrDefaultAsync(cancellationToken) is { } inUse)
        {
            return new(ValidationErrors.Failure(nameof(AttributeDefinitionInput.Choices), t["The choice {0} is someone's value; it cannot be removed.", inUse]));
        }

        var changes = new List<string>();
        if (definition.Label != label) changes.Add($"label {definition.Label} → {label}");
        if (definition.EditableBy != input.EditableBy) changes.Add($"editable by {definition.EditableBy} → {input.EditableBy}");
        if (definition.ShownOnProfile != input.ShownOnProfile) changes.Add($"shown on profile {YesNo(definition.ShownOnProfile)} → {YesNo(input.ShownOnProfile)}");
        if (!definition.Choices.SequenceEqual(choices, StringComparer.Ordinal)) changes.Add($"choices {string.Join(", ", choices)}");
        if (changes.Count == 0) return new(validation, definition.Id);

        definition.Label = label;
        definition.EditableBy = input.EditableBy!.Value;
        definition.ShownOnProfile = input.ShownOnProfile;
        definition.Choices = choices;
        if (!await SaveAsync(cancellationToken)) return LabelTaken();
        await audit.RecordAsync(actorId, AdminAction.AttributeDefinitionChanged, $"{definition.Key}: {string.Join("; ", changes)}", cancellationToken: cancellationToken);
        return new(validation, definition.Id);
    }

    /// <summary>Deletes the definition and every value of it; built-in attributes cannot be deleted.</summary>
    public async Task<ValidationResult> DeleteAsync(Guid actorId, AccountAttributeDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.IsBuiltIn) return ValidationErrors.Failure(string.Empty, t["A built-in attribute cannot be deleted."]);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Explicitly rather than by the cascade: the values are not loaded, and the count goes into the audit.
        var values = await db.AccountAttributeValues.Where(v => v.DefinitionId == definition.Id).ExecuteDeleteAsync(cancellationToken);
        db.AccountAttributeDefinitions.Remove(definition);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(actorId, AdminAction.AttributeDefinitionDeleted, $"{definition.Key} ({definition.Label}), {values} values", cancellationToken: cancellationToken);
        return new ValidationResult();
    }

    /// <summary>Every definition in order, with the person's value of each.</summary>
    public Task<List<AttributeWithValue>> ValuesOfAsync(Guid userId, CancellationToken cancellationToken)
        => WithValues(db.AccountAttributeDefinitions.AsNoTracking(), userId).ToListAsync(cancellationToken);

    /// <summary>The definitions the person sees on their own profile (<see cref="ShownToPerson"/>), with their values.</summary>
    public async Task<List<AttributeWithValue>> ShownToPersonAsync(Guid userId, CancellationToken cancellationToken)
        => await ShownToPersonQuery(db, userId).ReadAllAsync(cancellationToken);

    // Read on every profile page and API call: compiled once, so no expression tree is walked per request.
    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<AttributeWithValue>> ShownToPersonQuery =
        EF.CompileAsyncQuery((AppDbContext db, Guid userId) =>
            from d in db.AccountAttributeDefinitions.AsNoTracking().Where(ShownToPerson)
            join v in db.AccountAttributeValues.Where(v => v.UserId == userId) on d.Id equals v.DefinitionId into values
            from v in values.DefaultIfEmpty()
            orderby d.Position, d.Key
            select new AttributeWithValue(d, v == null ? null : v.Value));

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<KeyValuePair<string, string>>> ShownValuesByKeyQuery =
        EF.CompileAsyncQuery((AppDbContext db, Guid userId) =>
            from v in db.AccountAttributeValues.AsNoTracking()
            join d in db.AccountAttributeDefinitions.Where(ShownToPerson) on v.DefinitionId equals d.Id
            where v.UserId == userId
            orderby d.Position
            select new KeyValuePair<string, string>(d.Key, v.Value));

    /// <summary>The person's values by attribute key, in canonical form (attributes without a value left out).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ValuesByKeyAsync(Guid userId, bool shownToPersonOnly, CancellationToken cancellationToken)
    {
        if (shownToPersonOnly)
        {
            var shown = await ShownValuesByKeyQuery(db, userId).ReadAllAsync(cancellationToken);
            return shown.ToDictionary(StringComparer.Ordinal);
        }

        var rows = await (from v in db.AccountAttributeValues.AsNoTracking()
                          join d in db.AccountAttributeDefinitions on v.DefinitionId equals d.Id
                          where v.UserId == userId
                          orderby d.Position
                          select new { d.Key, v.Value }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>Whether the person is marked "Exclude from sync": provisioning must then leave them unchanged. One primary-key lookup.</summary>
    public Task<bool> IsExcludedFromSyncAsync(Guid userId, CancellationToken cancellationToken = default)
        => db.AccountAttributeValues.AnyAsync(v => v.UserId == userId && v.DefinitionId == BuiltInAttributes.ExcludeFromSyncId && v.Value == BuiltInAttributes.Yes, cancellationToken);

    /// <summary>An administrator sets (or, with an empty value, clears) a person's value; failures are under "Value".</summary>
    public async Task<ValidationResult> SetValueAsync(Guid actorId, Guid userId, Guid definitionId, string? value, CancellationToken cancellationToken)
    {
        var definition = await db.AccountAttributeDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definitionId, cancellationToken);
        if (definition is null) return ValidationErrors.Failure(string.Empty, t["This attribute no longer exists."]);
        return await SetAsync(userId, definition, value, actorId, cancellationToken);
    }

    /// <summary>
    /// Sets (empty or null: clears) a person's value of the attribute with this key, on behalf of
    /// <paramref name="actorId"/> (an administrator or a provisioning token): validated by type, stored canonically,
    /// written to the admin audit and the person's security log. An unknown key fails under "Key" with
    /// <see cref="UnknownAttributeCode"/>; a bad value under "Value". Setting the value it has changes and records nothing.
    /// </summary>
    public async Task<ValidationResult> SetValueAsync(Guid actorId, Guid userId, string key, string? value, CancellationToken cancellationToken = default)
    {
        var definition = await db.AccountAttributeDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (definition is null)
            return new ValidationResult([new ValidationFailure("Key", t["There is no attribute {0}.", key]) { ErrorCode = UnknownAttributeCode }]);
        return await SetAsync(userId, definition, value, actorId, cancellationToken);
    }

    /// <summary>The person sets their own value: only of an attribute <see cref="EditableByPerson"/>, whatever the form sent.</summary>
    public async Task<ValidationResult> SetOwnValueAsync(Guid userId, Guid definitionId, string? value, CancellationToken cancellationToken)
    {
        var definition = await db.AccountAttributeDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definitionId, cancellationToken);
        if (definition is null || !EditableByPerson(definition)) return ValidationErrors.Failure(string.Empty, t["Only an administrator can change this attribute."]);
        return await SetAsync(userId, definition, value, null, cancellationToken);
    }

    /// <summary>Writes the value; <paramref name="actorId"/> null means the person themselves (security log only).</summary>
    private async Task<ValidationResult> SetAsync(Guid userId, AccountAttributeDefinition definition, string? value, Guid? actorId, CancellationToken cancellationToken)
    {
        var input = new AttributeValueInput(definition, value);
        var validation = await valueValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return validation;
        var canonical = input.Canonical();

        // Writers of one person's values (an administrator's page and a provisioning client, say) take turns from the
        // read on: each sees what the one before committed, so a first value is inserted once, a removed row is not
        // removed twice, and each change is recorded once. Without it the second writer failed with a duplicate key or
        // "0 rows affected".
        await using var transaction = await db.Database.BeginSerializedAsync(SerializedScope.AttributeValues, userId, cancellationToken);
        var row = await db.AccountAttributeValues.FirstOrDefaultAsync(v => v.UserId == userId && v.DefinitionId == definition.Id, cancellationToken);
        var old = row?.Value;
        if (old == canonical) return validation;
        if (canonical is null)
        {
            db.AccountAttributeValues.Remove(row!);
        }
        else if (row is null)
        {
            db.AccountAttributeValues.Add(new AccountAttributeValue { UserId = userId, DefinitionId = definition.Id, Value = canonical, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            row.Value = canonical;
            row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var detail = Detail(definition, old, canonical);
        if (actorId is { } actor)
            await audit.RecordOnPersonAsync(actor, AdminAction.AttributeValueChanged, userId, SecurityEventType.AttributeValueChanged, detail, cancellationToken: cancellationToken);
        else
            await securityLog.RecordAsync(userId, SecurityEventType.AttributeValueChanged, detail, cancellationToken: cancellationToken);
        return validation;
    }

    /// <summary>
    /// "Former student: no → yes", within the audit's detail limit: a label has at most 100 characters, and each value
    /// is shortened so that two long texts still fit.
    /// </summary>
    public static string Detail(AccountAttributeDefinition definition, string? old, string? value)
    {
        var room = (SecurityEventConfiguration.DetailMaxLength - definition.Label.Length - 6) / 2;
        return $"{definition.Label}: {Shown(definition, old, room)} → {Shown(definition, value, room)}";
    }

    private static string Shown(AccountAttributeDefinition definition, string? value, int room)
    {
        if (value is null) return "(none)";
        if (definition.Type == AttributeType.YesNo) return value == BuiltInAttributes.Yes ? "yes" : "no";
        return value.Length <= room ? value : value[..(room - 1)] + "…";
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private IQueryable<AttributeWithValue> WithValues(IQueryable<AccountAttributeDefinition> definitions, Guid userId)
        => from d in definitions
           join v in db.AccountAttributeValues.Where(v => v.UserId == userId) on d.Id equals v.DefinitionId into values
           from v in values.DefaultIfEmpty()
           orderby d.Position, d.Key
           select new AttributeWithValue(d, v == null ? null : v.Value);

    private AttributeResult KeyTaken()
        => new(ValidationErrors.Failure(nameof(AttributeDefinitionInput.Key), t["An attribute with this key exists already."]));

    private AttributeResult LabelTaken()
        => new(ValidationErrors.Failure(nameof(AttributeDefinitionInput.Label), t["An attribute with this label exists already."]));

    // Attributes number in the tens: comparing here handles every script's case, which SQLite's upper() does not.
    private async Task<bool> LabelTakenAsync(string label, Guid? except, CancellationToken cancellationToken)
        => (await db.AccountAttributeDefinitions.Where(d => d.Id != except).Select(d => d.Label).ToListAsync(cancellationToken))
            .Any(l => string.Equals(l, label, StringComparison.OrdinalIgnoreCase));

    /// <summary>False when a unique index refused the save (another administrator took the key meanwhile).</summary>
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
