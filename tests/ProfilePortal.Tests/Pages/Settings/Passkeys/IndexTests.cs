using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Passkeys;

/// <summary>/Settings/Passkeys (SPEC 2.4): list, add, rename, remove; only one's own passkeys; each change re-authenticated.</summary>
public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Passkeys";
    private static readonly TimeSpan PastWindow = TimeSpan.FromMinutes(16);

    private async Task<(TestUser User, HttpClient Client, SoftwarePasskey Passkey)> SignedInWithPasskeyAsync(string name = "Laptop", Action<AppUser>? customize = null)
    {
        var user = await factory.CreateUserAsync(customize);
        var passkey = new SoftwarePasskey();
        await factory.AddPasskeyAsync(user.Id, passkey, name);
        return (user, await factory.SignedInClientAsync(user), passkey);
    }

    private static async Task<HttpResponseMessage> RenameAsync(HttpClient client, string id, string name)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostWithTokenAsync(page, Url + "?handler=Rename", new Dictionary<string, string> { ["Rename.Id"] = id, ["Rename.Name"] = name });
    }

    private static async Task<HttpResponseMessage> RemoveAsync(HttpClient client, string id)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostWithTokenAsync(page, Url + "?handler=Remove", new Dictionary<string, string> { ["id"] = id });
    }

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, string name, string credential)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostWithTokenAsync(page, Url + "?handler=Add", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Credential"] = credential });
    }

    private Task RemovePasswordAsync(Guid userId) => factory.InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var result = await users.RemovePasswordAsync((await users.FindByIdAsync(userId.ToString()))!);
        Assert.True(result.Succeeded);
    });

    [Fact]
    public async Task Get_WithPasskeys_ListsNameCreatedAndLastUseInThePersonsTimeZone()
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync("Work laptop", u => u.TimeZoneId = "Asia/Tokyo");
        var created = factory.Clock.GetUtcNow().UtcDateTime;
        using var second = new SoftwarePasskey();
        await factory.AddPasskeyAsync(user.Id, second, "Phone");

        var page = await client.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("[data-testid='passkeys'] > li");
        Assert.Equal(2, rows.Length);
        var row = rows.Single(r => r.GetAttribute("data-passkey-id") == passkey.Id);
        Assert.Equal("Work laptop", row.QuerySelector("[data-testid='passkey-name']")!.TextContent.Trim());
        // The page's culture is the portal's default (en-US); the time is Tokyo's (UTC+9, no daylight saving).
        var tokyo = created.AddHours(9).ToString("f", CultureInfo.GetCultureInfo("en-US"));
        Assert.Contains($"created {tokyo} (Asia/Tokyo)", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("never used", row.TextContent, StringComparison.Ordinal);
        Assert.True(page.FormWithHandler("Add").HasAttribute("hidden"), "the add form is shown before the script knows the browser supports passkeys");
        Assert.Contains("Passkeys are not available in this browser", page.Text("[data-passkey-unavailable]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NoPasskeys_SaysSo()
    {
        var user = await factory.CreateUserAsync();
        var page = await (await factory.SignedInClientAsync(user)).GetPageAsync(Url);

        Assert.Equal("You have no passkeys yet.", page.Text("[data-testid='no-passkeys']"));
    }

    [Fact]
    public async Task Get_Anonymous_GoesToSignIn()
    {
        var response = await factory.CreateBrowserClient().GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecurityPage_LinksToPasskeysWithTheirCount()
    {
        var (user, client, _) = await SignedInWithPasskeyAsync();

        Assert.Equal("Passkeys (1 passkey)", (await client.GetPageAsync("/Settings/Security")).Text("[data-testid='passkeys-link']"));
        using var second = new SoftwarePasskey();
        await factory.AddPasskeyAsync(user.Id, second, "Phone");
        var page = await client.GetPageAsync("/Settings/Security");
        Assert.Equal("Passkeys (2 passkeys)", page.Text("[data-testid='passkeys-link']"));
        Assert.Equal(Url, page.Document.QuerySelector("[data-testid='passkeys-link']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task PostRename_Valid_RenamesLogsAndSaysSo()
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();

        var response = await RenameAsync(client, passkey.Id, "  Home desktop ");

        var page = await client.FollowAsync(response);
        Assert.Equal("The passkey has been renamed to Home desktop.", page.StatusMessage);
        Assert.Equal([$"{passkey.Id}|Home desktop|"], await factory.PasskeysOfAsync(user.Id));
        var renamed = Assert.Single(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.PasskeyRenamed);
        Assert.Equal("Home desktop", renamed.Detail);
        // Identity's own view of the passkey carries the same name: there is only one.
        var info = await factory.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GetPasskeyAsync((await users.FindByIdAsync(user.Id.ToString()))!, passkey.CredentialId);
        });
        Assert.Equal("Home desktop", info!.Name);
    }

    [Theory]
    [InlineData("", "Give the passkey a name, for example \"Laptop\".")]
    [InlineData("   ", "Give the passkey a name, for example \"Laptop\".")]
    [InlineData("123456789012345678901234567890123456789012345678901", "The name must be at most 50 characters.")]
    [InlineData("Bad\u0007name", "The name cannot contain control characters.")]
    public async Task PostRename_InvalidName_ShowsTheMessageUnderTheFieldAndKeepsTheName(string name, string message)
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();

        var page = await HtmlPage.ParseAsync(await RenameAsync(client, passkey.Id, name));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.FieldError("Rename.Name"));
        Assert.True(page.Document.QuerySelector($"[data-passkey-id='{passkey.Id}'] details")!.HasAttribute("open"));
        Assert.Equal([$"{passkey.Id}|Laptop|"], await factory.PasskeysOfAsync(user.Id));
    }

    [Fact]
    public async Task PostRename_FiftyCharacters_IsAccepted()
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();
        var name = new string('x', 50);

        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(client, passkey.Id, name)).StatusCode);
        Assert.Equal([$"{passkey.Id}|{name}|"], await factory.PasskeysOfAsync(user.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PostRenameOrRemove_AnotherPersonsPasskey_NotFoundAndNothingChanges(bool remove)
    {
        var (owner, _, theirs) = await SignedInWithPasskeyAsync("Owner's key");
        var (_, intruder, _) = await SignedInWithPasskeyAsync();

        var response = remove ? await RemoveAsync(intruder, theirs.Id) : await RenameAsync(intruder, theirs.Id, "Mine now");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal([$"{theirs.Id}|Owner's key|"], await factory.PasskeysOfAsync(owner.Id));
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(owner.Id), e => e.Type is SecurityEventType.PasskeyRenamed or SecurityEventType.PasskeyRemoved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task PostRemove_UnknownOrMalformedId_NotFound(string id)
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await RemoveAsync(client, id)).StatusCode);
        Assert.Equal([$"{passkey.Id}|Laptop|"], await factory.PasskeysOfAsync(user.Id));
    }

    [Fact]
    public async Task PostRemove_Own_RemovesLogsAndTheKeyNoLongerSignsIn()
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();

        var page = await client.FollowAsync(await RemoveAsync(client, passkey.Id));

        Assert.Equal("The passkey Laptop has been removed. It can no longer sign in to your account.", page.StatusMessage);
        Assert.Empty(await factory.PasskeysOfAsync(user.Id));
        Assert.Equal("Laptop", Assert.Single(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.PasskeyRemoved).Detail);
    }

    [Fact]
    public async Task PostRemove_OnlyPasskeyOfAnAccountWithoutPassword_IsRefusedWithTheReason()
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();
        await RemovePasswordAsync(user.Id);

        var page = await HtmlPage.ParseAsync(await RemoveAsync(client, passkey.Id));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("This passkey is the only way you can sign in: your account has no password. Add another passkey first, then remove this one.", page.FormError);
        Assert.Equal([$"{passkey.Id}|Laptop|"], await factory.PasskeysOfAsync(user.Id));
    }

    [Fact]
    public async Task PostRemove_OneOfTwoPasskeysOfAnAccountWithoutPassword_IsAllowed()
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();
        using var second = new SoftwarePasskey();
        await factory.AddPasskeyAsync(user.Id, second, "Phone");
        await RemovePasswordAsync(user.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await RemoveAsync(client, passkey.Id)).StatusCode);
        Assert.Equal([$"{second.Id}|Phone|"], await factory.PasskeysOfAsync(user.Id));
    }

    [Theory]
    [InlineData("Rename")]
    [InlineData("Remove")]
    [InlineData("Add")]
    [InlineData("CreationOptions")]
    public async Task Post_ConfirmationOlderThanWindow_AsksForThePasswordAndChangesNothing(string handler)
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();
        var page = await client.GetPageAsync(Url);
        factory.Clock.Advance(PastWindow);

        var response = await client.PostWithTokenAsync(page, Url + "?handler=" + handler, new Dictionary<string, string>
        {
            ["id"] = passkey.Id,
            ["Rename.Id"] = passkey.Id,
            ["Rename.Name"] = "Changed",
            ["Input.Name"] = "New",
            ["Input.Credential"] = "{}",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Reauthenticate?returnUrl=" + Uri.EscapeDataString(Url), response.Headers.Location?.ToString());
        Assert.Equal([$"{passkey.Id}|Laptop|"], await factory.PasskeysOfAsync(user.Id));
    }

    [Fact]
    public async Task PostCreationOptions_ValidName_OptionsForThisPersonExcludingTheirPasskeys()
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();

        var response = await client.PostForOptionsAsync(Url, "CreationOptions", new Dictionary<string, string> { ["Input.Name"] = "Phone" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var options = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("localhost", options["rp"]!["id"]!.GetValue<string>());
        Assert.Equal(user.UserName, options["user"]!["name"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", options["user"]!["displayName"]!.GetValue<string>());
        Assert.Equal("required", options["authenticatorSelection"]!["userVerification"]!.GetValue<string>());
        Assert.Contains(options["excludeCredentials"]!.AsArray(), c => c!["id"]!.GetValue<string>() == passkey.Id);
    }

    [Fact]
    public async Task PostCreationOptions_InvalidName_BadRequest()
    {
        var (_, client, _) = await SignedInWithPasskeyAsync();

        var response = await client.PostForOptionsAsync(Url, "CreationOptions", new Dictionary<string, string> { ["Input.Name"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostCreationOptions_WithoutAntiforgeryToken_IsRefused()
    {
        var (_, client, _) = await SignedInWithPasskeyAsync();

        var response = await client.PostAsync(Url + "?handler=CreationOptions", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "Phone" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostCreationOptions_Anonymous_GoesToSignIn()
    {
        var client = factory.CreateBrowserClient();
        var login = await client.GetPageAsync("/Account/Login");

        var response = await client.PostWithTokenAsync(login, Url + "?handler=CreationOptions", new Dictionary<string, string> { ["Input.Name"] = "Phone" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"}}")]
    public async Task PostAdd_ForgedOrGarbageCredential_ShowsAClearErrorAndStoresNothing(string credential)
    {
        var (user, client, passkey) = await SignedInWithPasskeyAsync();
        await client.PostForOptionsAsync(Url, "CreationOptions", new Dictionary<string, string> { ["Input.Name"] = "Phone" });

        var page = await HtmlPage.ParseAsync(await AddAsync(client, "Phone", credential));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The passkey could not be verified. Nothing was saved; try again.", page.FormError);
        Assert.Equal([$"{passkey.Id}|Laptop|"], await factory.PasskeysOfAsync(user.Id));
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.PasskeyAdded);
    }

    [Fact]
    public async Task PostAdd_WithoutOptionsAskedFor_ShowsAClearErrorAndStoresNothing()
    {
        var (user, client, _) = await SignedInWithPasskeyAsync();

        var page = await HtmlPage.ParseAsync(await AddAsync(client, "Phone", "{}"));

        Assert.Equal("The passkey could not be verified. Nothing was saved; try again.", page.FormError);
        Assert.Single(await factory.PasskeysOfAsync(user.Id));
    }

    [Fact]
    public async Task PostAdd_NoCredential_SaysTheBrowserMadeNone()
    {
        var (user, client, _) = await SignedInWithPasskeyAsync();

        var page = await HtmlPage.ParseAsync(await AddAsync(client, "Phone", ""));

        Assert.Equal("Your browser did not create a passkey. Nothing was saved; try again.", page.FormError);
        Assert.Single(await factory.PasskeysOfAsync(user.Id));
    }

    [Fact]
    public async Task PostAdd_InvalidName_ShowsTheMessageUnderTheField()
    {
        var (user, client, _) = await SignedInWithPasskeyAsync();

        var page = await HtmlPage.ParseAsync(await AddAsync(client, new string('x', 51), "{}"));

        Assert.Equal("The name must be at most 50 characters.", page.FieldError("Input.Name"));
        Assert.Equal("", page.FormError);
        Assert.Single(await factory.PasskeysOfAsync(user.Id));
    }
}
