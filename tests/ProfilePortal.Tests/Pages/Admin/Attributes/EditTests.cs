using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Attributes;

using Roles = ProfilePortal.Web.Data.Roles;

public class EditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Url(Guid id) => $"/Admin/Attributes/Edit/{id}";

    private Task<AccountAttributeDefinition?> LoadAsync(Guid id)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AccountAttributeDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id));

    private Task<List<AdminAuditEntry>> AuditByAsync(Guid actorId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AdminAuditEntries.AsNoTracking().Where(e => e.ActorId == actorId).ToListAsync());

    [Fact]
    public async Task Post_NewLabelAndEditor_IsSavedAndAuditedKeyAndTypeStay()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var client = await factory.SignedInClientAsync(admin);
        var definition = await factory.CreateAttributeAsync(AttributeType.Date, shownOnProfile: false);
        var label = "Graduated " + Guid.NewGuid().ToString("N")[..6];

        var page = await client.FollowAsync(await client.SubmitFormAsync(Url(definition.Id), new Dictionary<string, string>
        {
            ["Input.Label"] = label,
            ["Input.EditableBy"] = nameof(AttributeEditor.PersonToo),
            ["Input.ShownOnProfile"] = "true",
            // A forged form cannot change what is fixed after creation.
            ["Input.Key"] = "other_key",
            ["Input.Type"] = nameof(AttributeType.Text),
        }));

        Assert.Equal($"The attribute {label} is saved.", page.StatusMessage);
        var saved = (await LoadAsync(definition.Id))!;
        Assert.Equal((label, AttributeEditor.PersonToo, true, definition.Key, AttributeType.Date), (saved.Label, saved.EditableBy, saved.ShownOnProfile, saved.Key, saved.Type));
        Assert.Contains(await AuditByAsync(admin.Id), e => e.Action == AdminAction.AttributeDefinitionChanged && e.Detail!.StartsWith(definition.Key + ": label ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_BuiltIn_LabelAndShownChangeButNotWhoEdits()
    {
        // Its own database: relabelling a built-in attribute would show in other tests of this class.
        await using var own = new PortalFactory();
        var client = await own.SignedInClientAsync(await own.CreateUserAsync(role: Roles.Administrator));

        await client.SubmitFormAsync(Url(BuiltInAttributes.FormerStudentId), new Dictionary<string, string>
        {
            ["Input.Label"] = "Alumnus",
            ["Input.ShownOnProfile"] = "false",
            ["Input.EditableBy"] = nameof(AttributeEditor.PersonToo),
        });

        var saved = (await own.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AccountAttributeDefinitions.AsNoTracking().SingleAsync(d => d.Id == BuiltInAttributes.FormerStudentId)));
        Assert.Equal(("Alumnus", false, AttributeEditor.Administrators), (saved.Label, saved.ShownOnProfile, saved.EditableBy));
    }

    [Fact]
    public async Task Post_EmptyLabel_IsRefusedUnderTheField()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var definition = await factory.CreateAttributeAsync();

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url(definition.Id), new Dictionary<string, string> { ["Input.Label"] = " " }));

        Assert.Equal("Enter a label.", page.FieldError("Input.Label"));
        Assert.Equal(definition.Label, (await LoadAsync(definition.Id))!.Label);
    }

    [Fact]
    public async Task PostDelete_AsksForConfirmationThenDeletesTheDefinitionAndItsValues()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var client = await factory.SignedInClientAsync(admin);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync();
        await factory.SetAttributeValueAsync(person.Id, definition.Id, "some value");
        var page = await client.GetPageAsync(Url(definition.Id));

        var confirm = await HtmlPage.ParseAsync(await client.PostFormAsync(page.FormWithHandler("Delete"), new Dictionary<string, string>(), Url(definition.Id)));

        Assert.Contains("The values of 1 people are deleted with it.", confirm.Text("[data-testid='confirm-delete']"), StringComparison.Ordinal);
        Assert.NotNull(await LoadAsync(definition.Id));

        var index = await client.FollowAsync(await client.PostFormAsync(confirm.FormWithHandler("Delete"), new Dictionary<string, string>(), Url(definition.Id)));

        Assert.Equal($"The attribute {definition.Label} is deleted, with its values.", index.StatusMessage);
        Assert.Null(await LoadAsync(definition.Id));
        Assert.Null(await factory.AttributeValueAsync(person.Id, definition.Id));
        Assert.Contains(await AuditByAsync(admin.Id), e => e.Action == AdminAction.AttributeDefinitionDeleted);
    }

    [Fact]
    public async Task PostDelete_BuiltIn_OffersNoButtonAndAForgedPostDeletesNothing()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var page = await client.GetPageAsync(Url(BuiltInAttributes.ExcludeFromSyncId));
        Assert.NotNull(page.Document.QuerySelector("[data-testid='built-in']"));
        Assert.DoesNotContain(page.Document.Forms, f => f.GetAttribute("action")?.Contains("handler=Delete", StringComparison.OrdinalIgnoreCase) == true);

        var response = await client.PostWithTokenAsync(page, Url(BuiltInAttributes.ExcludeFromSyncId) + "?handler=Delete", new Dictionary<string, string> { ["confirm"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A built-in attribute cannot be deleted.", (await HtmlPage.ParseAsync(response)).FormError);
        Assert.NotNull(await LoadAsync(BuiltInAttributes.ExcludeFromSyncId));
    }

    [Fact]
    public async Task Get_Unknown_Is404()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(Guid.NewGuid()))).StatusCode);
    }
}
