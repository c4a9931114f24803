using System.Net;
using AngleSharp.Html.Dom;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Profile;

/// <summary>Account attributes in the profile's account panel: read-only unless the person may set them.</summary>
public class AttributesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Profile";

    private static IHtmlFormElement? AttributeForm(HtmlPage page, string key)
        => page.Document.QuerySelector($"form[data-attribute='{key}']") as IHtmlFormElement;

    [Fact]
    public async Task Get_ShowsAttributesOnTheProfileReadOnlyAndHidesTheOthers()
    {
        var person = await factory.CreateUserAsync();
        var hidden = await factory.CreateAttributeAsync(shownOnProfile: false);
        var graduated = await factory.CreateAttributeAsync(AttributeType.Date);
        await factory.SetAttributeValueAsync(person.Id, BuiltInAttributes.FormerStudentId, "true");
        await factory.SetAttributeValueAsync(person.Id, hidden.Id, "secret note");
        await factory.SetAttributeValueAsync(person.Id, graduated.Id, "2025-09-01");
        var client = await factory.SignedInClientAsync(person);

        var page = await client.GetPageAsync(Url);

        var panel = page.Text("[data-testid='account-panel']");
        Assert.Contains("Former student", panel, StringComparison.Ordinal);
        Assert.Equal("Yes", page.Text($"dd[data-attribute='{BuiltInAttributes.FormerStudentKey}']"));
        Assert.Equal("Not set", page.Text($"dd[data-attribute='{BuiltInAttributes.ExcludeFromSyncKey}']"));
        Assert.Contains("September 1, 2025", page.Text($"dd[data-attribute='{graduated.Key}']"), StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.Label, panel, StringComparison.Ordinal);
        Assert.DoesNotContain("secret note", page.Text("main"), StringComparison.Ordinal);
        Assert.Null(AttributeForm(page, BuiltInAttributes.FormerStudentKey));
    }

    [Fact]
    public async Task PostAttribute_PersonTooAttribute_IsSavedAndInTheirSecurityLog()
    {
        var person = await factory.CreateUserAsync();
        var definition = await factory.CreateAttributeAsync(AttributeType.Choice, AttributeEditor.PersonToo, choices: ["Vegetarian", "Vegan"]);
        var client = await factory.SignedInClientAsync(person);
        var page = await client.GetPageAsync(Url);

        var saved = await client.FollowAsync(await client.PostFormAsync(AttributeForm(page, definition.Key)!, new Dictionary<string, string> { ["Attribute.Value"] = "Vegan" }, Url));

        Assert.Equal("Your account attribute is saved.", saved.StatusMessage);
        Assert.Equal("Vegan", await factory.AttributeValueAsync(person.Id, definition.Id));
        Assert.Equal("Vegan", HtmlPage.FieldsOf(AttributeForm(saved, definition.Key)!)["Attribute.Value"]);
        Assert.Contains(await factory.SecurityLogOfAsync(person.Id), e => e.Type == SecurityEventType.AttributeValueChanged && e.ActorId == null && e.Detail == $"{definition.Label}: (none) → Vegan");
    }

    [Fact]
    public async Task PostAttribute_BadDate_ShowsTheMessageUnderTheFieldAndKeepsTheProfileForm()
    {
        var person = await factory.CreateUserAsync(u => u.Title = "Analyst");
        var definition = await factory.CreateAttributeAsync(AttributeType.Date, AttributeEditor.PersonToo);
        var client = await factory.SignedInClientAsync(person);
        var page = await client.GetPageAsync(Url);

        var response = await client.PostFormAsync(AttributeForm(page, definition.Key)!, new Dictionary<string, string> { ["Attribute.Value"] = "2025-02-29" }, Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await HtmlPage.ParseAsync(response);
        Assert.Equal("Enter a date as year-month-day, for example 2026-09-01.", AttributeForm(shown, definition.Key)!.QuerySelector("[data-valmsg-for='Attribute.Value']")?.TextContent.Trim());
        Assert.Equal("Analyst", shown.Value("Input.Title"));
        Assert.Null(await factory.AttributeValueAsync(person.Id, definition.Id));
    }

    [Fact]
    public async Task PostAttribute_ForgedForAnAdministratorsOnlyAttribute_ChangesNothing()
    {
        var person = await factory.CreateUserAsync();
        var hidden = await factory.CreateAttributeAsync(AttributeType.Text, shownOnProfile: false);
        var client = await factory.SignedInClientAsync(person);
        var page = await client.GetPageAsync(Url);

        foreach (var (id, value) in new[] { (BuiltInAttributes.ExcludeFromSyncId, "true"), (hidden.Id, "forged") })
        {
            var response = await client.PostWithTokenAsync(page, Url + "?handler=Attribute", new Dictionary<string, string>
            {
                ["Attribute.AttributeId"] = id.ToString(),
                ["Attribute.Value"] = value,
            });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Only an administrator can change this attribute.", (await HtmlPage.ParseAsync(response)).FormError);
            Assert.Null(await factory.AttributeValueAsync(person.Id, id));
        }

        Assert.DoesNotContain(await factory.SecurityLogOfAsync(person.Id), e => e.Type == SecurityEventType.AttributeValueChanged);
    }
}
