using System.Net.Http.Json;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Tests.Pages.Settings.Profile;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Profile";
    private const string NameLength = "must be between 2 and 100 characters.";
    private const string PhoneNotInternational = "Enter the phone number in international format: + and the country code, then the number (for example +44 20 7946 0958).";
    private const string PhoneUnknownCountryCode = "The country code after + is not one in use. Enter the number in international format (for example +44 20 7946 0958).";
    private const string PhoneTooShort = "The phone number is too short: enter the whole number after the country code.";
    private const string PhoneTooLong = "The phone number is too long.";

    [Fact]
    public async Task Get_Anonymous_RedirectsToSignIn()
    {
        var client = factory.CreateBrowserClient();

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login?ReturnUrl=%2FSettings%2FProfile", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task GetSettings_SignedIn_RedirectsToProfile()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var response = await client.GetAsync("/Settings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Settings/Profile", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_SignedIn_ShowsProfileAndAccountPanel()
    {
        var user = await factory.CreateUserAsync(u => { u.Title = "Analyst"; u.TimeZoneId = "Asia/Kolkata"; }, role: Roles.Administrator);
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Ada", page.Value("Input.FirstName"));
        Assert.Equal("Analyst", page.Value("Input.Title"));
        Assert.Equal("Asia/Kolkata", page.Value("Input.TimeZoneId"));
        var panel = page.Text("[data-testid='account-panel']");
        Assert.Contains(user.Email, panel);
        Assert.Contains("Your email is your login identity; an administrator changes it.", panel);
        Assert.Equal("ACTIVE", page.Text("[data-testid='account-status']"));
        Assert.Contains("Administrator", panel);
        Assert.Contains("users.manage", panel);
        // Times are shown in the person's zone.
        Assert.Contains("(Asia/Kolkata)", page.Text("[data-testid='last-sign-in']"));
        // Every field has a label tied to it.
        foreach (var field in new[] { "FirstName", "LastName", "Title", "Phone", "Address", "Bio", "TimeZoneId" })
        {
            Assert.NotNull(page.Document.QuerySelector($"label[for='Input_{field}']"));
        }
    }

    [Fact]
    public async Task Post_ValidProfile_SavesNormalisesAndShowsStatusAfterRedirect()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync(Url, ValidFields(new()
        {
            ["Input.FirstName"] = "  Grace ",
            ["Input.LastName"] = "Hopper",
            ["Input.Phone"] = "+91 (987) 654-32.10",
            ["Input.Address"] = "1 Main Street\r\nArlington",
            ["Input.TimeZoneId"] = "America/New_York",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.FollowAsync(response);
        Assert.Equal("Your profile has been updated.", page.StatusMessage);
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.Equal("Grace", saved.FirstName);
        Assert.Equal("+919876543210", saved.PhoneNumber);
        Assert.Equal("1 Main Street\nArlington", saved.Address);
        Assert.Equal("America/New_York", saved.TimeZoneId);
        Assert.Equal(1, saved.ProfileVersion);
        // The profile menu shows the new name (the cookie was refreshed).
        Assert.Contains("Grace Hopper", page.Text("details.profile-menu summary"));
        // Reloading does not show the message again.
        Assert.Equal("", (await client.GetPageAsync(Url)).StatusMessage);
    }

    public static TheoryData<string, string, string?> FieldBoundaries() => new()
    {
        { "Input.FirstName", "A", $"First name {NameLength}" },
        { "Input.FirstName", "Al", null },
        { "Input.FirstName", new string('a', 100), null },
        { "Input.FirstName", new string('a', 101), $"First name {NameLength}" },
        { "Input.FirstName", "   ", "First name is required." },
        { "Input.FirstName", "  A  ", $"First name {NameLength}" },
        { "Input.FirstName", "Ad\u0007a", "First name cannot contain control characters." },
        { "Input.FirstName", "Ada\u202Egnirts", "First name cannot contain control characters." },
        { "Input.LastName", "B", $"Last name {NameLength}" },
        { "Input.LastName", new string('b', 101), $"Last name {NameLength}" },
        { "Input.LastName", "", "Last name is required." },
        { "Input.LastName", "Lo\tve", "Last name cannot contain control characters." },
        { "Input.LastName", "Łukasiewicz-Żółć", null },
        { "Input.Title", new string('t', 100), null },
        { "Input.Title", new string('t', 101), "Title must be at most 100 characters." },
        { "Input.Title", "Chief\u0008Officer", "Title cannot contain control characters." },
        { "Input.Phone", "+91 9876543210", null },
        { "Input.Phone", "+1 (650) 253-0000", null },
        { "Input.Phone", "+44.20.7946.0958", null },
        { "Input.Phone", "+1234567", PhoneTooShort },
        { "Input.Phone", "+12345678", "This is not a valid phone number for country code +1." },
        { "Input.Phone", "+1 555 123 4567", "This is not a valid phone number for country code +1." },
        { "Input.Phone", "+44 20 7946 095", "This is not a valid phone number for country code +44." },
        { "Input.Phone", "+1234567890123456", PhoneTooLong },
        { "Input.Phone", "9876543210", PhoneNotInternational },
        { "Input.Phone", "+91 98765x43210", PhoneNotInternational },
        { "Input.Phone", "+0 123 456 789", PhoneUnknownCountryCode },
        { "Input.Phone", "++91 9876543210", PhoneNotInternational },
        { "Input.Address", new string('x', 500), null },
        { "Input.Address", new string('x', 501), "Address must be at most 500 characters." },
        { "Input.Address", new string('x', 249) + "\r\n" + new string('x', 250), null },
        { "Input.Address", "Street\u001b[31m", "Address cannot contain control characters." },
        { "Input.Bio", new string('b', 1000), null },
        { "Input.Bio", new string('b', 1001), "Bio must be at most 1000 characters." },
        { "Input.Bio", string.Concat(Enumerable.Repeat("😀", 1000)), null },
        { "Input.Bio", string.Concat(Enumerable.Repeat("😀", 1001)), "Bio must be at most 1000 characters." },
        { "Input.TimeZoneId", "Mars/Olympus_Mons", "Choose a time zone from the list." },
        { "Input.TimeZoneId", "", "Choose a time zone from the list." },
    };

    [Theory]
    [MemberData(nameof(FieldBoundaries))]
    public async Task Post_FieldAtBoundary_ShowsMessageUnderFieldOrSaves(string field, string value, string? expectedError)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync(Url, ValidFields(new() { [field] = value }));

        var saved = await factory.LoadUserAsync(user.Id);
        if (expectedError is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(1, saved.ProfileVersion);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal(expectedError, page.FieldError(field));
        Assert.Equal("", page.StatusMessage);
        // The page keeps what the person typed so they can correct it (a list can only show its own choices).
        if (field != "Input.TimeZoneId") Assert.Equal(value.Replace("\r\n", "\n", StringComparison.Ordinal), page.Value(field)?.Replace("\r\n", "\n", StringComparison.Ordinal));
        // Nothing was saved.
        Assert.Equal(0, saved.ProfileVersion);
        Assert.Equal("Ada", saved.FirstName);
        Assert.Equal("Lovelace", saved.LastName);
        Assert.Null(saved.Title);
        Assert.Null(saved.PhoneNumber);
        Assert.Equal(TimeZoneCatalog.DefaultZone, saved.TimeZoneId);
    }

    [Fact]
    public async Task Post_TwoEditorsFromSameVersion_SecondGetsConflictAndNothingOverwritten()
    {
        var user = await factory.CreateUserAsync();
        var first = await factory.SignedInClientAsync(user);
        var second = await factory.SignedInClientAsync(user);
        var firstForm = (await first.GetPageAsync(Url)).Form("Input.FirstName");
        var secondForm = (await second.GetPageAsync(Url)).Form("Input.FirstName");

        var firstSave = await first.PostFormAsync(firstForm, new Dictionary<string, string> { ["Input.Title"] = "Engineer" }, Url);
        var secondSave = await second.PostFormAsync(secondForm, new Dictionary<string, string> { ["Input.Title"] = "Manager", ["Input.Bio"] = "Mine" }, Url);

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondSave.StatusCode);
        var page = await HtmlPage.ParseAsync(secondSave);
        Assert.Contains("This profile changed since you opened it.", page.FormError);
        Assert.Contains("Engineer", page.Text("[data-testid='conflict-values']"));
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.Equal("Engineer", saved.Title);
        Assert.Null(saved.Bio);
        Assert.Equal(1, saved.ProfileVersion);

        // The second editor keeps their text and, now informed, can save over the first.
        Assert.Equal("Manager", page.Value("Input.Title"));
        var informedSave = await second.PostFormAsync(page.Form("Input.FirstName"), new Dictionary<string, string>(), Url);
        Assert.Equal(HttpStatusCode.Redirect, informedSave.StatusCode);
        Assert.Equal("Manager", (await factory.LoadUserAsync(user.Id)).Title);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Returns400AndSavesNothing()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.PostAsync(Url, new FormUrlEncodedContent(ValidFields(new() { ["Input.FirstName"] = "Mallory" })));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Ada", (await factory.LoadUserAsync(user.Id)).FirstName);
    }

    [Fact]
    public async Task Get_NewUser_SuggestsBrowserTimeZoneOnlyUntilFirstSave()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var before = await client.GetPageAsync(Url);
        await client.SubmitFormAsync(Url, ValidFields(new()));
        var after = await client.GetPageAsync(Url);

        Assert.Equal("true", before.Document.QuerySelector("#Input_TimeZoneId")!.GetAttribute("data-suggest-browser-zone"));
        Assert.Equal("false", after.Document.QuerySelector("#Input_TimeZoneId")!.GetAttribute("data-suggest-browser-zone"));
        Assert.Contains(before.Document.QuerySelectorAll("#Input_TimeZoneId option"), o => o.GetAttribute("value") == "Europe/Paris");
    }

    [Fact]
    public async Task Get_ListsCommonZonesByRegion_WithThePersonsOwnZoneEvenWhenNotCommon()
    {
        var user = await factory.CreateUserAsync(u => u.TimeZoneId = "Pacific/Chatham");
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        var options = page.Document.QuerySelectorAll("#Input_TimeZoneId option").Select(o => o.GetAttribute("value")!).ToList();
        Assert.Equal(TimeZoneCatalog.CommonZones.Count + 2, options.Count); // the common zones, UTC and the person's own
        Assert.Equal("UTC", options[0]);
        Assert.Equal("Pacific/Chatham", page.Value("Input.TimeZoneId"));
        var regions = page.Document.QuerySelectorAll("#Input_TimeZoneId optgroup").Select(g => g.GetAttribute("label")).ToList();
        Assert.Equal(["Africa", "Americas", "Asia", "Atlantic Ocean", "Australia", "Europe", "Pacific"], regions);
        var chatham = page.Document.QuerySelector("#Input_TimeZoneId option[value='Pacific/Chatham']")!;
        Assert.Equal("Pacific", chatham.ParentElement!.GetAttribute("label"));
        Assert.Matches(@"^\(UTC\+1[23]:45\) Chatham$", chatham.TextContent);
        Assert.Equal("/Settings/Profile?zones=all#Input_TimeZoneId", page.Document.QuerySelector("a[data-all-time-zones]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Get_AllZones_ListsEveryKnownZone_AndTheJsonListMatchesIt()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var page = await client.GetPageAsync(Url + "?zones=all");
        var json = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(Url + "?handler=TimeZones");

        var listed = page.Document.QuerySelectorAll("#Input_TimeZoneId option").Select(o => o.GetAttribute("value")!).ToList();
        var known = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(factory.Services.GetRequiredService<TimeZoneCatalog>().IsKnown).ToHashSet();
        Assert.True(listed.Count > 300, $"only {listed.Count} zones listed");
        Assert.Equal(known.Append("UTC").Distinct().Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed, json.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("id").GetString()!).ToList());
        var kolkata = json.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("id").GetString() == "Asia/Kolkata");
        Assert.Equal("Asia", kolkata.GetProperty("region").GetString());
        Assert.Equal("(UTC+05:30) Kolkata", kolkata.GetProperty("label").GetString());
        Assert.Equal("/Settings/Profile#Input_TimeZoneId", page.Document.QuerySelector("#Input_TimeZoneId_help a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Post_ZoneOutsideTheCommonList_IsSavedAndShownSelected()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync(Url + "?zones=all", ValidFields(new() { ["Input.TimeZoneId"] = "America/Argentina/Ushuaia" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("America/Argentina/Ushuaia", (await factory.LoadUserAsync(user.Id)).TimeZoneId);
        var page = await client.GetPageAsync(Url);
        Assert.Equal("America/Argentina/Ushuaia", page.Value("Input.TimeZoneId"));
        Assert.Equal("(UTC-03:00) Argentina/Ushuaia", page.Text("#Input_TimeZoneId option[value='America/Argentina/Ushuaia']"));
    }

    private static Dictionary<string, string> ValidFields(Dictionary<string, string> overrides)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Ada",
            ["Input.LastName"] = "Lovelace",
            ["Input.Title"] = "",
            ["Input.Phone"] = "",
            ["Input.Address"] = "",
            ["Input.Bio"] = "",
            ["Input.TimeZoneId"] = TimeZoneCatalog.DefaultZone,
        };
        foreach (var (key, value) in overrides) fields[key] = value;
        return fields;
    }
}
