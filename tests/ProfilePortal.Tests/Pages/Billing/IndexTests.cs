using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Billing;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(Roles.Member, false, false)]
    [InlineData(Roles.BillingAdmin, true, false)]
    [InlineData(Roles.Administrator, true, true)]
    public async Task ProfileMenu_ShowsBillingAndAdministrationOnlyWithThePermission(string role, bool billing, bool administration)
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: role));

        var page = await client.GetPageAsync("/Settings/Profile");

        Assert.Equal(billing, page.Document.QuerySelector("[data-testid='menu-billing']") is not null);
        Assert.Equal(administration, page.Document.QuerySelector("[data-testid='menu-administration']") is not null);
        var response = await client.GetAsync("/Billing");
        if (billing)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("ProfilePortal takes no payments", (await HtmlPage.ParseAsync(response)).Text("main"));
        }
        else
        {
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task ProfileMenu_BillingEntryAppearsWhenTheRoleIsGrantedWithoutSigningInAgain()
    {
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var person = await factory.CreateUserAsync(role: Roles.Member);
        var theirs = await factory.SignedInClientAsync(person);
        Assert.Null((await theirs.GetPageAsync("/Settings/Profile")).Document.QuerySelector("[data-testid='menu-billing']"));
        var roleId = (await admin.GetPageAsync($"/Admin/Users/{person.Id}")).Document
            .QuerySelectorAll("select[name='Input.RoleId'] option").Single(o => o.TextContent.Trim() == Roles.BillingAdmin).GetAttribute("value")!;

        await admin.SubmitFormAsync($"/Admin/Users/{person.Id}", new Dictionary<string, string> { ["Input.RoleId"] = roleId });

        Assert.NotNull((await theirs.GetPageAsync("/Settings/Profile")).Document.QuerySelector("[data-testid='menu-billing']"));
    }
}
