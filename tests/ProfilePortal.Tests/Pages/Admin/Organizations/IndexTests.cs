using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Organizations;

using Roles = ProfilePortal.Web.Data.Roles;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Admin/Organizations";

    [Fact]
    public async Task Post_NewName_CreatesTheOrganizationAndAuditsIt()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var client = await factory.SignedInClientAsync(admin);
        var name = "Initech " + Guid.NewGuid().ToString("N")[..6];

        var page = await client.FollowAsync(await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["Input.Name"] = "  " + name + " " }));

        Assert.Equal($"The organization {name} is created.", page.StatusMessage);
        Assert.Equal(name, page.Text("[data-testid='organization-name']"));
        Assert.Contains(name, (await client.GetPageAsync(Url)).Text("[data-testid='organizations']"));
        var audit = await factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<AppDbContext>().AdminAuditEntries.Where(e => e.ActorId == admin.Id).ToList()));
        Assert.Contains(audit, e => e.Action == AdminAction.OrganizationCreated && e.Detail == name);
    }

    [Theory]
    [InlineData("", "Enter a name.")]
    [InlineData("DUPLICATE", "An organization with this name exists already.")]
    public async Task Post_BadName_IsRefusedUnderTheField(string name, string message)
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var existing = "Duplicate " + Guid.NewGuid().ToString("N")[..6];
        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["Input.Name"] = existing });

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["Input.Name"] = name == "DUPLICATE" ? existing.ToUpperInvariant() : name }));

        Assert.Equal(message, page.FieldError("Input.Name"));
    }
}
