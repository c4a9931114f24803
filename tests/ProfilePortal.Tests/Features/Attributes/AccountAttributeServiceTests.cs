using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Data.Configurations;
using ProfilePortal.Web.Features.Attributes;

namespace ProfilePortal.Tests.Features.Attributes;

/// <summary>The service provisioning and the pages share: values checked by type, stored canonically, audited.</summary>
public class AccountAttributeServiceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<T> WithServiceAsync<T>(Func<AccountAttributeService, Task<T>> action)
        => factory.InScopeAsync(sp => action(sp.GetRequiredService<AccountAttributeService>()));

    [Fact]
    public async Task FreshDatabase_HasTheTwoBuiltInAttributes()
    {
        var rows = await WithServiceAsync(s => s.ListDefinitionsAsync(CancellationToken.None));

        var builtIn = rows.Where(r => r.Definition.IsBuiltIn).Select(r => r.Definition).ToList();
        Assert.Equal([BuiltInAttributes.FormerStudentKey, BuiltInAttributes.ExcludeFromSyncKey], builtIn.Select(d => d.Key));
        Assert.All(builtIn, d => Assert.Equal(AttributeType.YesNo, d.Type));
        Assert.All(builtIn, d => Assert.Equal(AttributeEditor.Administrators, d.EditableBy));
        Assert.Equal(["Former student", "Exclude from sync"], builtIn.Select(d => d.Label));
    }

    [Theory]
    [InlineData(AttributeType.YesNo, "true", "true")]
    [InlineData(AttributeType.YesNo, "FALSE", "false")]
    [InlineData(AttributeType.Text, "  Class of 2019  ", "Class of 2019")]
    [InlineData(AttributeType.Date, "2024-02-29", "2024-02-29")]
    [InlineData(AttributeType.Choice, "Blue", "Blue")]
    public async Task SetValue_GoodValue_IsStoredInItsCanonicalForm(AttributeType type, string value, string stored)
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(type, choices: type == AttributeType.Choice ? ["Red", "Blue"] : []);

        var result = await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, definition.Key, value));

        Assert.True(result.IsValid, string.Join(" ", result.Errors));
        Assert.Equal(stored, await factory.AttributeValueAsync(person.Id, definition.Id));
    }

    [Theory]
    [InlineData(AttributeType.YesNo, "yes", "Choose yes or no.")]
    [InlineData(AttributeType.YesNo, "1", "Choose yes or no.")]
    [InlineData(AttributeType.Text, "TOO_LONG", "A value has at most 200 characters.")]
    [InlineData(AttributeType.Text, "bell\u0007", "Remove control characters and direction overrides from the value.")]
    [InlineData(AttributeType.Text, "a\u202Eb", "Remove control characters and direction overrides from the value.")]
    [InlineData(AttributeType.Text, "two\nlines", "Remove control characters and direction overrides from the value.")]
    [InlineData(AttributeType.Date, "2026-02-30", "Enter a date as year-month-day, for example 2026-09-01.")]
    [InlineData(AttributeType.Date, "28.02.2026", "Enter a date as year-month-day, for example 2026-09-01.")]
    [InlineData(AttributeType.Date, "2026-2-3", "Enter a date as year-month-day, for example 2026-09-01.")]
    [InlineData(AttributeType.Choice, "blue", "Choose one of the listed values.")]
    [InlineData(AttributeType.Choice, " Blue", "Choose one of the listed values.")]
    [InlineData(AttributeType.Choice, "Green", "Choose one of the listed values.")]
    public async Task SetValue_BadValue_FailsUnderValueAndKeepsTheStoredOne(AttributeType type, string value, string message)
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(type, choices: type == AttributeType.Choice ? ["Red", "Blue"] : []);
        var good = type switch { AttributeType.YesNo => "true", AttributeType.Date => "2020-01-01", AttributeType.Choice => "Red", _ => "kept" };
        await factory.SetAttributeValueAsync(person.Id, definition.Id, good);

        var result = await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, definition.Key, value == "TOO_LONG" ? new string('x', 201) : value));

        var failure = Assert.Single(result.Errors);
        Assert.Equal("Value", failure.PropertyName);
        Assert.Equal(message, failure.ErrorMessage);
        Assert.Equal(good, await factory.AttributeValueAsync(person.Id, definition.Id));
        Assert.DoesNotContain(await factory.AuditOfAsync(person.Id), e => e.Action == AdminAction.AttributeValueChanged);
    }

    [Fact]
    public async Task SetValue_TextOf200Characters_IsStored()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(AttributeType.Text);
        var text = string.Concat(Enumerable.Repeat("é", 200));

        Assert.True((await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, definition.Key, text))).IsValid);
        Assert.Equal(text, await factory.AttributeValueAsync(person.Id, definition.Id));
    }

    [Fact]
    public async Task SetValue_ByAnActor_WritesTheAdminAuditAndTheSecurityLogWithTheActor()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();

        await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "false"));
        await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "true"));

        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.AttributeValueChanged, SecurityEventType.AttributeValueChanged);
        Assert.Equal(["Former student: (none) → no", "Former student: no → yes"], (await factory.AuditOfAsync(person.Id)).Select(e => e.Detail));
        Assert.Equal(["Former student: (none) → no", "Former student: no → yes"],
            (await factory.SecurityLogOfAsync(person.Id)).Where(e => e.Type == SecurityEventType.AttributeValueChanged).Select(e => e.Detail));
    }

    [Fact]
    public async Task SetValue_SameValueAgain_ChangesAndRecordsNothing()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "true"));

        var result = await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "TRUE"));

        Assert.True(result.IsValid);
        Assert.Single(await factory.AuditOfAsync(person.Id));
    }

    [Fact]
    public async Task SetValue_ManyFirstWritesAtOnce_AllSucceedAndTheValueIsWrittenOnce()
    {
        // An administrator's page and a provisioning client may write the same person's value at the same moment. Each
        // round: eight writers, each in its own scope (its own DbContext and connection), find no row and insert.
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        for (var round = 0; round < 4; round++)
        {
            var person = await factory.CreateUserAsync();

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                Task.Run(() => WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "true")))));

            Assert.All(results, result => Assert.True(result.IsValid));
            Assert.Equal("true", await factory.AttributeValueAsync(person.Id, BuiltInAttributes.FormerStudentId));
            Assert.Equal(["Former student: (none) → yes"], (await factory.AuditOfAsync(person.Id)).Select(e => e.Detail));
        }
    }

    [Fact]
    public async Task SetValue_ManyClearsAtOnce_AllSucceedAndTheClearIsRecordedOnce()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        for (var round = 0; round < 4; round++)
        {
            var person = await factory.CreateUserAsync();
            await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "true"));

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                Task.Run(() => WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "")))));

            Assert.All(results, result => Assert.True(result.IsValid));
            Assert.Null(await factory.AttributeValueAsync(person.Id, BuiltInAttributes.FormerStudentId));
            Assert.Equal(["Former student: (none) → yes", "Former student: yes → (none)"], (await factory.AuditOfAsync(person.Id)).Select(e => e.Detail));
        }
    }

    [Fact]
    public async Task SetValue_Empty_ClearsTheValue()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "true"));

        var result = await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.FormerStudentKey, "  "));

        Assert.True(result.IsValid);
        Assert.Null(await factory.AttributeValueAsync(person.Id, BuiltInAttributes.FormerStudentId));
        Assert.Equal("Former student: yes → (none)", (await factory.AuditOfAsync(person.Id)).Last().Detail);
    }

    [Fact]
    public async Task SetValue_LongLabelAndLongTexts_DetailStaysWithinTheLimit()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(AttributeType.Text);
        await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.AccountAttributeDefinitions.SingleAsync(d => d.Id == definition.Id)).Label = new string('L', AccountAttributeDefinition.LabelMaxLength);
            await db.SaveChangesAsync();
        });

        await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, definition.Key, new string('a', 200)));
        await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, definition.Key, new string('b', 200)));

        var detail = (await factory.AuditOfAsync(person.Id)).Last().Detail!;
        Assert.True(detail.Length <= SecurityEventConfiguration.DetailMaxLength, $"{detail.Length} characters");
        Assert.Contains(" → bbbb", detail, StringComparison.Ordinal);
        Assert.EndsWith("…", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetValue_UnknownKey_FailsUnderKeyWithItsCode()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();

        var result = await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, "no_such_attribute", "true"));

        var failure = Assert.Single(result.Errors);
        Assert.Equal("Key", failure.PropertyName);
        Assert.Equal(AccountAttributeService.UnknownAttributeCode, failure.ErrorCode);
    }

    [Fact]
    public async Task IsExcludedFromSync_FollowsTheBuiltInValue()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();

        Assert.False(await WithServiceAsync(s => s.IsExcludedFromSyncAsync(person.Id)));
        await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.ExcludeFromSyncKey, "true"));
        Assert.True(await WithServiceAsync(s => s.IsExcludedFromSyncAsync(person.Id)));
        await WithServiceAsync(s => s.SetValueAsync(admin.Id, person.Id, BuiltInAttributes.ExcludeFromSyncKey, "false"));
        Assert.False(await WithServiceAsync(s => s.IsExcludedFromSyncAsync(person.Id)));
    }

    [Fact]
    public async Task SetOwnValue_AdministratorsOnlyAttribute_IsRefusedAndNothingIsStored()
    {
        var person = await factory.CreateUserAsync();

        var result = await WithServiceAsync(s => s.SetOwnValueAsync(person.Id, BuiltInAttributes.FormerStudentId, "true", CancellationToken.None));

        Assert.False(result.IsValid);
        Assert.Null(await factory.AttributeValueAsync(person.Id, BuiltInAttributes.FormerStudentId));
        Assert.Empty(await factory.SecurityLogOfAsync(person.Id));
    }

    [Fact]
    public async Task SetOwnValue_PersonTooAttribute_IsStoredAndInTheirSecurityLogWithoutActor()
    {
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(AttributeType.Text, AttributeEditor.PersonToo);

        var result = await WithServiceAsync(s => s.SetOwnValueAsync(person.Id, definition.Id, "Night shift", CancellationToken.None));

        Assert.True(result.IsValid);
        Assert.Equal("Night shift", await factory.AttributeValueAsync(person.Id, definition.Id));
        var entry = Assert.Single(await factory.SecurityLogOfAsync(person.Id));
        Assert.Equal(SecurityEventType.AttributeValueChanged, entry.Type);
        Assert.Null(entry.ActorId);
        Assert.Empty(await factory.AuditOfAsync(person.Id));
    }

    [Fact]
    public async Task Delete_Definition_DeletesItsValuesAndIsAudited()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(AttributeType.Text);
        await factory.SetAttributeValueAsync(person.Id, definition.Id, "gone soon");

        var result = await factory.InScopeAsync(async sp =>
        {
            var service = sp.GetRequiredService<AccountAttributeService>();
            return await service.DeleteAsync(admin.Id, (await service.FindDefinitionAsync(definition.Id, CancellationToken.None))!, CancellationToken.None);
        });

        Assert.True(result.IsValid);
        Assert.Null(await factory.AttributeValueAsync(person.Id, definition.Id));
        Assert.Null(await WithServiceAsync(s => s.FindDefinitionAsync(definition.Id, CancellationToken.None)));
        var audit = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AdminAuditEntries.AsNoTracking().Where(e => e.ActorId == admin.Id).ToListAsync());
        Assert.Contains(audit, e => e.Action == AdminAction.AttributeDefinitionDeleted && e.Detail == $"{definition.Key} ({definition.Label}), 1 values");
    }

    [Fact]
    public async Task Delete_BuiltIn_IsRefused()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);

        var result = await factory.InScopeAsync(async sp =>
        {
            var service = sp.GetRequiredService<AccountAttributeService>();
            return await service.DeleteAsync(admin.Id, (await service.FindDefinitionAsync(BuiltInAttributes.ExcludeFromSyncId, CancellationToken.None))!, CancellationToken.None);
        });

        Assert.Equal("A built-in attribute cannot be deleted.", Assert.Single(result.Errors).ErrorMessage);
        Assert.NotNull(await WithServiceAsync(s => s.FindDefinitionAsync(BuiltInAttributes.ExcludeFromSyncId, CancellationToken.None)));
    }

    [Fact]
    public async Task Change_RemovingAChoiceInUse_IsRefusedUnderChoices()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(AttributeType.Choice, choices: ["Red", "Blue"]);
        await factory.SetAttributeValueAsync(person.Id, definition.Id, "Blue");

        var result = await factory.InScopeAsync(async sp =>
        {
            var service = sp.GetRequiredService<AccountAttributeService>();
            var input = new AttributeDefinitionInput { Label = definition.Label, EditableBy = AttributeEditor.Administrators, ShownOnProfile = true, Choices = "Red\nGreen" };
            return await service.ChangeAsync(admin.Id, (await service.FindDefinitionAsync(definition.Id, CancellationToken.None))!, input, CancellationToken.None);
        });

        var failure = Assert.Single(result.Validation.Errors);
        Assert.Equal(nameof(AttributeDefinitionInput.Choices), failure.PropertyName);
        Assert.Equal("The choice Blue is someone's value; it cannot be removed.", failure.ErrorMessage);
        Assert.Equal(["Red", "Blue"], (await WithServiceAsync(s => s.FindDefinitionAsync(definition.Id, CancellationToken.None)))!.Choices);
    }
}
