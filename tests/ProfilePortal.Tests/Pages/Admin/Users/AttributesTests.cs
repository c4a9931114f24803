using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

/// <summary>The Attributes card of a person's page: every attribute with a field of its type.</summary>
public class AttributesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Url(TestUser person) => $"/Admin/Users/{person.Id}";

    private static async Task<HttpResponseMessage> SetAsync(HttpClient client, TestUser person, string key, string value)
    {
        var page = await client.GetPageAsync(Url(person));
        var form = page.Document.QuerySelector($"form[data-attribute='{key}']") as AngleSharp.Html.Dom.IHtmlFormElement
                   ?? throw new InvalidOperationException($"No form for {key}");
        return await client.PostFormAsync(form, new Dictionary<string, string> { ["Attribute.Value"] = value }, Url(person));
    }

    [Theory]
    [InlineData(AttributeType.YesNo, "true", "true")]
    [InlineData(AttributeType.Text, " Evening classes ", "Evening classes")]
    [InlineData(AttributeType.Date, "2025-09-01", "2025-09-01")]
    [InlineData(AttributeType.Choice, "South", "South")]
    public async Task PostAttribute_GoodValue_IsSavedAuditedAndShown(AttributeType type, string value, string stored)
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(type, choices: type == AttributeType.Choice ? ["North", "South"] : []);
        var client = await factory.SignedInClientAsync(admin);

        var page = await client.FollowAsync(await SetAsync(client, person, definition.Key, value));

        Assert.Equal("The attribute value of Ada Lovelace is saved.", page.StatusMessage);
        Assert.Equal(stored, await factory.AttributeValueAsync(person.Id, definition.Id));
        Assert.Equal(stored, HtmlPage.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector($"form[data-attribute='{definition.Key}']")!)["Attribute.Value"]);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.AttributeValueChanged, SecurityEventType.AttributeValueChanged);
    }

    [Theory]
    [InlineData(AttributeType.YesNo, "maybe", "Choose yes or no.")]
    [InlineData(AttributeType.Date, "2025-13-01", "Enter a date as year-month-day, for example 2026-09-01.")]
    [InlineData(AttributeType.Choice, "East", "Choose one of the listed values.")]
    [InlineData(AttributeType.Text, "tab\there", "Remove control characters and direction overrides from the value.")]
    public async Task PostAttribute_BadValue_ShowsTheMessageUnderTheFieldAndChangesNothing(AttributeType type, string value, string message)
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(type, choices: type == AttributeType.Choice ? ["North", "South"] : []);
        var client = await factory.SignedInClientAsync(admin);

        var page = await HtmlPage.ParseAsync(await SetAsync(client, person, definition.Key, value));

        var form = page.Document.QuerySelector($"form[data-attribute='{definition.Key}']")!;
        Assert.Equal(message, form.QuerySelector("[data-valmsg-for='Attribute.Value']")?.TextContent.Trim());
        Assert.Equal("true", form.QuerySelector("[name='Attribute.Value']")!.GetAttribute("aria-invalid"));
        Assert.Null(await factory.AttributeValueAsync(person.Id, definition.Id));
        Assert.Empty(await factory.AuditOfAsync(person.Id));
    }

    [Fact]
    public async Task PostAttribute_Empty_ClearsTheValue()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        await factory.SetAttributeValueAsync(person.Id, BuiltInAttributes.ExcludeFromSyncId, "true");
        var client = await factory.SignedInClientAsync(admin);

        await SetAsync(client, person, BuiltInAttributes.ExcludeFromSyncKey, "");

        Assert.Null(await factory.AttributeValueAsync(person.Id, BuiltInAttributes.ExcludeFromSyncId));
        Assert.Equal("Exclude from sync: yes → (none)", (await factory.AuditOfAsync(person.Id)).Single().Detail);
    }

    [Fact]
    public async Task Get_ListsEveryAttributeIncludingThoseNotOnTheProfile()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var hidden = await factory.CreateAttributeAsync(shownOnProfile: false);
        var client = await factory.SignedInClientAsync(admin);

        var card = (await client.GetPageAsync(Url(person))).Text("[data-testid='person-attributes']");

        Assert.Contains(hidden.Label, card, StringComparison.Ordinal);
        Assert.Contains("Former student", card, StringComparison.Ordinal);
        Assert.Contains("Exclude from sync", card, StringComparison.Ordinal);
    }
}
