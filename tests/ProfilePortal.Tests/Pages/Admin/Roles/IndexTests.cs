using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Roles;

using Roles = ProfilePortal.Web.Data.Roles;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_ListsEveryRoleWithItsPermissions()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

        var page = await client.GetPageAsync("/Admin/Roles");

        Assert.Equal(["billing.view", "org.manage", "users.manage"], Codes(page, Roles.Administrator));
        Assert.Equal(["billing.view"], Codes(page, Roles.BillingAdmin));
        Assert.Empty(Codes(page, Roles.Member));
        Assert.Contains("None beyond their own account", page.Text($"tr[data-role='{Roles.Member}']"));
    }

    private static List<string> Codes(HtmlPage page, string role)
        => page.Document.QuerySelectorAll($"tr[data-role='{role}'] code").Select(c => c.TextContent).ToList();
}
