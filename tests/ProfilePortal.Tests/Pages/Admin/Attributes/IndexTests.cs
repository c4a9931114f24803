using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Attributes;

using Roles = ProfilePortal.Web.Data.Roles;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Admin/Attributes";

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    private Task<List<AccountAttributeDefinition>> DefinitionsAsync()
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AccountAttributeDefinitions.AsNoTracking().ToListAsync());

    private Task<List<AdminAuditEntry>> AuditByAsync(Guid actorId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AdminAuditEntries.AsNoTracking().Where(e => e.ActorId == actorId).ToListAsync());

    [Fact]
    public async Task Get_ListsTheBuiltInAttributesWithTheirCounts()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var person = await factory.CreateUserAsync();
        await factory.SetAttributeValueAsync(person.Id, BuiltInAttributes.ExcludeFromSyncId, "true");

        var page = await client.GetPageAsync(Url);

        var row = page.Document.QuerySelector($"tr[data-key='{BuiltInAttributes.ExcludeFromSyncKey}']")!;
        Assert.Contains("Exclude from sync", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Yes or no", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Built-in", row.TextContent, StringComparison.Ordinal);
        Assert.True(int.Parse(row.QuerySelector("[data-testid='people-count']")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.NotNull(page.Document.QuerySelector($"tr[data-key='{BuiltInAttributes.FormerStudentKey}']"));
        Assert.Contains(page.Document.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == Url);
    }

    [Fact]
    public async Task Post_NewListAttribute_IsCreatedListedAndAudited()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var client = await factory.SignedInClientAsync(admin);
        var key = "campus_" + Suffix();

        var page = await client.FollowAsync(await client.SubmitFormAsync(Url, new Dictionary<string, string>
        {
            ["Input.Key"] = key,
            ["Input.Label"] = " Campus " + key + " ",
            ["Input.Type"] = nameof(AttributeType.Choice),
            ["Input.EditableBy"] = nameof(AttributeEditor.PersonToo),
            ["Input.ShownOnProfile"] = "true",
            ["Input.Choices"] = "North\r\nSouth\r\n",
        }));

        Assert.Equal($"The attribute Campus {key} is added.", page.StatusMessage);
        Assert.NotNull(page.Document.QuerySelector($"tr[data-key='{key}']"));
        var created = (await DefinitionsAsync()).Single(d => d.Key == key);
        Assert.Equal(("Campus " + key, AttributeType.Choice, AttributeEditor.PersonToo, true), (created.Label, created.Type, created.EditableBy, created.ShownOnProfile));
        Assert.Equal(["North", "South"], created.Choices);
        Assert.False(created.IsBuiltIn);
        Assert.Contains(await AuditByAsync(admin.Id), e => e.Action == AdminAction.AttributeDefined && e.Detail!.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("KEY_TAKEN", "Input.Key", "An attribute with this key exists already.")]
    [InlineData("LABEL_TAKEN", "Input.Label", "An attribute with this label exists already.")]
    [InlineData("BUILT_IN_LABEL", "Input.Label", "An attribute with this label exists already.")]
    [InlineData("BAD_KEY", "Input.Key", "A key has 2 to 40 characters: a lower-case letter first, then lower-case letters, digits or underscores.")]
    [InlineData("TEXT_WITH_CHOICES", "Input.Choices", "Only a list attribute has choices; leave this empty.")]
    public async Task Post_BadDefinition_IsRefusedUnderTheFieldAndNothingIsCreated(string problem, string field, string message)
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var existing = await factory.CreateAttributeAsync();
        var key = "fresh_" + Suffix();
        var fields = new Dictionary<string, string>
        {
            ["Input.Key"] = problem switch { "KEY_TAKEN" => existing.Key, "BAD_KEY" => "Fresh Key", _ => key },
            ["Input.Label"] = problem switch { "LABEL_TAKEN" => existing.Label.ToUpperInvariant(), "BUILT_IN_LABEL" => "former STUDENT", _ => "Fresh " + key },
            ["Input.Type"] = nameof(AttributeType.Text),
            ["Input.Choices"] = problem == "TEXT_WITH_CHOICES" ? "One" : "",
        };
        var before = (await DefinitionsAsync()).Count;

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url, fields));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.FieldError(field));
        Assert.Equal(before, (await DefinitionsAsync()).Count);
    }

    [Fact]
    public async Task Get_Member_IsDenied()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Member));

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
