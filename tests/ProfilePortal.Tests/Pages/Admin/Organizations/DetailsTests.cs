using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Organizations;

using Roles = ProfilePortal.Web.Data.Roles;

public class DetailsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpClient Client, Guid Admin, string Url, Guid Id)> OrganizationAsync()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var id = await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var organization = new Organization { Id = Guid.NewGuid(), Name = "Org " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization.Id;
        });
        return (await factory.SignedInClientAsync(admin), admin.Id, $"/Admin/Organizations/{id}", id);
    }

    private Task<Organization> LoadAsync(Guid id)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Organizations.AsNoTracking().Include(o => o.Departments).SingleAsync(o => o.Id == id));

    [Fact]
    public async Task PostLogo_ValidImage_IsReencodedStoredAndServedByTheLogoEndpoint()
    {
        var (client, admin, url, id) = await OrganizationAsync();
        var png = TestImages.Png(300, 200, (x, _) => ((byte)x, 80, 160));

        var page = await client.FollowAsync(await client.UploadAsync(url, "Input.Logo", png, "logo.png", "image/png", handler: "Logo"));

        Assert.StartsWith("The logo of Org ", page.StatusMessage);
        var stored = await LoadAsync(id);
        Assert.Equal("image/webp", stored.LogoContentType);
        Assert.Equal(1, stored.LogoVersion);
        Assert.Equal("RIFF"u8.ToArray(), stored.Logo![..4]);
        var src = page.Document.QuerySelector("[data-testid='organization-logo']")!.GetAttribute("src")!;
        var logo = await client.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/webp", logo.Content.Headers.ContentType!.MediaType);
        Assert.Contains(await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AdminAuditEntries.Where(e => e.TargetOrganizationId == id).ToListAsync()),
            e => e.Action == AdminAction.OrganizationLogoChanged && e.ActorId == admin);
    }

    [Fact]
    public async Task PostLogo_NotAnImage_IsRefusedUnderTheFieldAndNothingStored()
    {
        var (client, _, url, id) = await OrganizationAsync();

        var page = await HtmlPage.ParseAsync(await client.UploadAsync(url, "Input.Logo", "not an image at all"u8.ToArray(), "logo.png", "image/png", handler: "Logo"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("This file is not a JPEG, PNG, WebP or GIF image.", page.FieldError("Input.Logo"));
        Assert.Null((await LoadAsync(id)).Logo);
    }

    [Fact]
    public async Task PostRenameAndDepartments_SaveAndRefuseDuplicatesInAnyCase()
    {
        var (client, _, url, id) = await OrganizationAsync();
        var newName = "Renamed " + Guid.NewGuid().ToString("N")[..6];

        var renamed = await client.FollowAsync(await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Name"] = newName }));
        Assert.Equal($"The organization is now called {newName}.", renamed.StatusMessage);

        var added = await client.FollowAsync(await client.PostFormAsync(renamed.FormWithHandler("AddDepartment"), new Dictionary<string, string> { ["Input.DepartmentName"] = "Research" }, url));
        Assert.Equal("The department Research is created.", added.StatusMessage);
        Assert.Contains("Research", added.Text("[data-testid='departments']"));

        var duplicate = await HtmlPage.ParseAsync(await client.PostFormAsync(added.FormWithHandler("AddDepartment"), new Dictionary<string, string> { ["Input.DepartmentName"] = "RESEARCH" }, url));
        Assert.Equal("This organization has a department with this name already.", duplicate.FieldError("Input.DepartmentName"));

        var stored = await LoadAsync(id);
        Assert.Equal(newName, stored.Name);
        Assert.Equal(["Research"], stored.Departments.Select(d => d.Name));
    }
}
