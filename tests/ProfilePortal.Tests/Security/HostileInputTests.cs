using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Security;

/// <summary>
/// Every form and PATCH /api/v1/me fed one fixed list of hostile inputs (SPEC 4: bad input of every kind gets a clear
/// message and changes nothing). A value a field's rules refuse gets the message under that field and leaves the
/// database as it was; text the rules allow in free-text fields (emoji, markup, quotes) is stored exactly as typed and
/// shown escaped. Never a 500, and never a script the page did not ship.
/// </summary>
public class HostileInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Script = "<script>alert(1)</script>";
    private const string Nul = "NUL";

    public static readonly IReadOnlyDictionary<string, string> Inputs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["over-long"] = new string('a', 10_000),
        ["control characters"] = "Ada\u0007\u001B[31m",
        ["bidi override"] = "Ada\u202Eecalevol",
        [Nul] = "Ada\0Lovelace",
        ["4-byte emoji"] = "Ada \U0001F600",
        ["HTML script"] = Script,
        ["SQL fragment"] = "' OR 1=1 --",
    };

    public static TheoryData<string> Names => new(Inputs.Keys);

    /// <summary>Text that free-text fields (names, title, bio, descriptions) accept as it is.</summary>
    private static bool IsPlainText(string name) => name is "4-byte emoji" or "HTML script" or "SQL fragment";

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostProfile_HostileValueInEachField_RefusedUnderTheFieldOrStoredAsTyped(string name)
    {
        var value = Inputs[name];
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        foreach (var field in new[] { "FirstName", "LastName", "Title", "Phone", "Address", "Bio", "TimeZoneId" })
        {
            var before = await factory.DatabaseStateAsync();
            var response = await client.SubmitFormAsync("/Settings/Profile", new Dictionary<string, string> { [$"Input.{field}"] = value });

            if (name == Nul)
            {
                await AssertUnreadableAsync(response, before, $"{field} = {name}");
            }
            else if (field is not ("Phone" or "TimeZoneId") && IsPlainText(name))
            {
                await AssertStoredAsync(response, $"{field} = {name}");
                var stored = await factory.LoadUserAsync(user.Id);
                Assert.Equal(value, field switch
                {
                    "FirstName" => stored.FirstName,
                    "LastName" => stored.LastName,
                    "Title" => stored.Title,
                    "Address" => stored.Address,
                    _ => stored.Bio,
                });
                await AssertShownEscapedAsync(client, "/Settings/Profile", value);
            }
            else
            {
                await AssertRefusedAsync(response, $"Input.{field}", before, $"{field} = {name}", name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostUsername_HostileValueInEachField_RefusedUnderTheField(string name)
    {
        var value = Inputs[name];
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        foreach (var field in new[] { "NewUserName", "CurrentPassword" })
        {
            var before = await factory.DatabaseStateAsync();
            var response = await client.SubmitFormAsync("/Settings/Username", new Dictionary<string, string>
            {
                ["Input.NewUserName"] = field == "NewUserName" ? value : "renamed" + Guid.NewGuid().ToString("N")[..8],
                ["Input.CurrentPassword"] = field == "CurrentPassword" ? value : user.Password,
            });

            await AssertRefusedAsync(response, $"Input.{field}", before, $"{field} = {name}", name);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostPassword_HostileValueInEachField_RefusedUnderTheField(string name)
    {
        var value = Inputs[name];
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        foreach (var field in new[] { "CurrentPassword", "NewPassword" })
        {
            var before = await factory.DatabaseStateAsync();
            var newPassword = field == "NewPassword" ? value : "Changed$Pass9";
            var response = await client.SubmitFormAsync("/Settings/Security", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = field == "CurrentPassword" ? value : user.Password,
                ["Input.NewPassword"] = newPassword,
                ["Input.ConfirmPassword"] = newPassword,
            });

            await AssertRefusedAsync(response, $"Input.{field}", before, $"{field} = {name}", name);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostCreateToken_HostileValueInEachField_RefusedUnderTheFieldOrStoredAsTyped(string name)
    {
        var value = Inputs[name];
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        foreach (var field in new[] { "Description", "ExpiresOn" })
        {
            var before = await factory.DatabaseStateAsync();
            var page = await client.GetPageAsync("/Settings/Tokens");
            var response = await client.PostFormAsync(page.FormWithHandler("Create"), new Dictionary<string, string>
            {
                ["Input.Description"] = field == "Description" ? value : "deploy",
                ["Input.ExpiresOn"] = field == "ExpiresOn" ? value : DaysAhead(30),
                ["Input.Read"] = "true",
            }, "/Settings/Tokens");

            if (name == Nul)
            {
                await AssertUnreadableAsync(response, before, $"{field} = {name}");
            }
            else if (field == "Description" && IsPlainText(name))
            {
                await AssertStoredAsync(response, $"{field} = {name}");
                Assert.Contains(await TokenDescriptionsAsync(user.Id), d => d == value);
                await AssertShownEscapedAsync(client, "/Settings/Tokens", value);
            }
            else
            {
                await AssertRefusedAsync(response, $"Input.{field}", before, $"{field} = {name}", name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostEditToken_HostileValueInEachField_RefusedUnderTheFieldOrStoredAsTyped(string name)
    {
        var value = Inputs[name];
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, expiresAtUtc: DateTime.UtcNow.AddDays(20));
        var client = await factory.SignedInClientAsync(user);
        var url = $"/Settings/Tokens/Edit/{token.Token.Id}";

        foreach (var field in new[] { "Description", "ExpiresOn" })
        {
            var before = await factory.DatabaseStateAsync();
            var response = await client.SubmitFormAsync(url, new Dictionary<string, string>
            {
                ["Input.Description"] = field == "Description" ? value : "deploy",
                ["Input.ExpiresOn"] = field == "ExpiresOn" ? value : DaysAhead(30),
            });

            if (name == Nul)
            {
                await AssertUnreadableAsync(response, before, $"{field} = {name}");
            }
            else if (field == "Description" && IsPlainText(name))
            {
                await AssertStoredAsync(response, $"{field} = {name}");
                Assert.Equal(value, (await factory.LoadTokenAsync(token.Token.Id))!.Description);
                await AssertShownEscapedAsync(client, url, value);
            }
            else
            {
                await AssertRefusedAsync(response, $"Input.{field}", before, $"{field} = {name}", name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostAdminEmailLockAndMembership_HostileValue_RefusedUnderTheField(string name)
    {
        var value = Inputs[name];
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var person = await factory.CreateUserAsync(u => u.OrganizationId = null);

        var before = await factory.DatabaseStateAsync();
        var email = await admin.SubmitFormAsync($"/Admin/Users/{person.Id}/Email", new Dictionary<string, string> { ["Input.Email"] = value });
        await AssertRefusedAsync(email, "Input.Email", before, $"Email = {name}", name);

        var locked = await admin.SubmitFormAsync($"/Admin/Users/{person.Id}/Lock", new Dictionary<string, string> { ["Input.Until"] = value });
        await AssertRefusedAsync(locked, "Input.Until", before, $"Until = {name}", name);

        // The organization list is a select; an edited request can still send anything in its place.
        var membership = await admin.SubmitFormAsync($"/Admin/Users/{person.Id}", new Dictionary<string, string> { ["Input.OrganizationId"] = value });
        await AssertRefusedAsync(membership, "Input.OrganizationId", before, $"OrganizationId = {name}", name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostOrganizationForms_HostileName_RefusedUnderTheFieldOrStoredAsTyped(string name)
    {
        var value = Inputs[name];
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var organization = (await factory.CreateOrganizationAsync("Dept " + Guid.NewGuid().ToString("N")[..8])).Id;
        var url = $"/Admin/Organizations/{organization}";
        var forms = new (string What, string PageUrl, string? Handler, string Field)[]
        {
            ("create organization", "/Admin/Organizations", null, "Input.Name"),
            ("rename organization", url, "Rename", "Input.Name"),
            ("add department", url, "AddDepartment", "Input.DepartmentName"),
            ("rename department", url, "RenameDepartment", "Input.DepartmentName"),
        };

        foreach (var (what, pageUrl, handler, field) in forms)
        {
            // Names are unique where they are listed together, so each accepted one gets the form's name after it.
            var typed = IsPlainText(name) ? $"{value} {what}" : value;
            var before = await factory.DatabaseStateAsync();
            var page = await admin.GetPageAsync(pageUrl);
            var form = handler is null ? page.Form(field) : page.FormWithHandler(handler);
            var response = await admin.PostFormAsync(form, new Dictionary<string, string> { [field] = typed }, pageUrl);

            if (name == Nul)
            {
                await AssertUnreadableAsync(response, before, $"{what}: {name}");
            }
            else if (IsPlainText(name))
            {
                await AssertStoredAsync(response, $"{what}: {name}");
                Assert.Contains(typed, await NamesAsync());
                await AssertShownEscapedAsync(admin, pageUrl, typed);
            }
            else
            {
                // A department's rename shows its error in that department's row.
                await AssertRefusedAsync(response, field, before, $"{what}: {name}", name,
                    handler == "RenameDepartment" ? p => p.Text("[id^='department-'][id$='-error']") : null);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostSignIn_HostileLoginOrPassword_SaysTheyDoNotMatchAndChangesNothing(string name)
    {
        var value = Inputs[name];
        // A fresh account for each value: wrong passwords count towards its lockout, which is not what is tested here.
        var user = await factory.CreateUserAsync();

        foreach (var (login, password) in new[] { (value, TestUsers.DefaultPassword), (user.UserName, value) })
        {
            var before = await factory.DatabaseStateAsync();
            var client = FromNewAddress();
            var response = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Login"] = login, ["Input.Password"] = password });

            if (name == Nul)
            {
                await AssertUnreadableAsync(response, before, $"sign-in: {name}");
                continue;
            }

            var page = await PageOf(response, $"sign-in: {name}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal("The email address or username and password do not match.", page.FormError);
            Assert.Equal(before, await factory.DatabaseStateAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PostForgotPassword_HostileLogin_SameAnswerNoMailNothingChanged(string name)
    {
        var before = await factory.DatabaseStateAsync();
        var mails = MailCount();

        var response = await FromNewAddress().SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = Inputs[name] });

        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode}");
        if (name == Nul)
            await AssertUnreadableAsync(response, before, name);
        else if (response.StatusCode == HttpStatusCode.OK)
            Assert.NotEmpty((await HtmlPage.ParseAsync(response)).FieldError("Input.Login"));
        else
            Assert.EndsWith("/Account/ForgotPasswordConfirmation", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before, await factory.DatabaseStateAsync());
        Assert.Equal(mails, MailCount());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PatchMe_HostileValueInEachField_400WithTheFieldOrStoredAsTyped(string name)
    {
        var value = Inputs[name];
        var user = await factory.CreateUserAsync();
        var api = factory.ApiClient((await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write)).Value);

        foreach (var field in new[] { "firstName", "lastName", "title", "phone", "address", "bio", "timeZoneId" })
        {
            var before = await factory.DatabaseStateAsync();
            var body = JsonSerializer.Serialize(new Dictionary<string, string> { [field] = value });

            var response = await api.PatchAsync("/api/v1/me", new StringContent(body, Encoding.UTF8, "application/json"));

            var json = await response.Content.ReadAsStringAsync();
            // Markup in JSON is data: the media type (with nosniff on every answer) keeps browsers from rendering it.
            Assert.EndsWith("json", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            if (field is not ("phone" or "timeZoneId") && IsPlainText(name))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field} = {name}: {(int)response.StatusCode} {json}");
                using var me = JsonDocument.Parse(json);
                Assert.Equal(value, me.RootElement.GetProperty(field).GetString());
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} = {name}: {(int)response.StatusCode} {json}");
                using var problem = JsonDocument.Parse(json);
                Assert.NotEmpty(problem.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray());
                Assert.Equal(before, await factory.DatabaseStateAsync());
            }
        }
    }

    [Fact]
    public async Task PatchMe_InvalidUtf8InTheBody_400AndNothingChanged()
    {
        var user = await factory.CreateUserAsync();
        var api = factory.ApiClient((await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write)).Value);
        var before = await factory.DatabaseStateAsync();
        byte[] body = [.. "{\"title\":\"Ada"u8, 0xFF, 0xFE, 0xC3, 0x28, .. "\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await api.PatchAsync("/api/v1/me", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(before, await factory.DatabaseStateAsync());
    }

    [Fact]
    public async Task PostAvatar_InvalidUtf8InMultipartNamesValuesAndFile_RefusedAndNothingStored()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var token = (await client.GetPageAsync("/Settings/Avatar")).AntiforgeryToken;
        var before = await factory.DatabaseStateAsync();
        const string boundary = "hostile-boundary";
        byte[] invalid = [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82];
        var body = new List<byte>();
        void Text(string s) => body.AddRange(Encoding.ASCII.GetBytes(s));
        Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n");
        Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"Input.CropX\"\r\n\r\n");
        body.AddRange(invalid);
        Text($"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"Input.File\"; filename=\"");
        body.AddRange(invalid);
        Text(".png\"\r\nContent-Type: image/png\r\n\r\n");
        body.AddRange(invalid);
        body.AddRange(Encoding.UTF8.GetBytes(" not an image " + Script));
        Text($"\r\n--{boundary}--\r\n");
        var content = new ByteArrayContent([.. body]);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        var response = await client.PostAsync("/Settings/Avatar", content);

        await AssertRefusedAsync(response, "Input.File", before, "multipart with invalid UTF-8");
        Assert.False((await factory.LoadUserAsync(user.Id)).HasAvatar);
    }

    [Theory]
    [InlineData("%FF%FEAda")]
    [InlineData("Ada%E2%82")]
    [InlineData("%ZZAda%")]
    [InlineData("Ada%C0%80")]
    public async Task PostProfile_InvalidPercentEscapesOrUtf8_RefusedOrStoredAsDecoded(string encodedFirstName)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var page = await client.GetPageAsync("/Settings/Profile");
        var fields = HtmlPage.FieldsOf(page.Form("Input.FirstName"));
        fields.Remove("Input.FirstName");
        var raw = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")) + "&Input.FirstName=" + encodedFirstName;
        var before = await factory.DatabaseStateAsync();

        var response = await client.PostAsync("/Settings/Profile", new StringContent(raw, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.True((int)response.StatusCode < 500, $"{encodedFirstName}: {(int)response.StatusCode}");
        var stored = (await factory.LoadUserAsync(user.Id)).FirstName;
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            // Stored only as text a person could have typed: no replacement characters from broken bytes.
            Assert.DoesNotContain('\uFFFD', stored);
        }
        else
        {
            await AssertRefusedAsync(response, "Input.FirstName", before, encodedFirstName);
        }
    }

    private static async Task<HtmlPage> PageOf(HttpResponseMessage response, string what)
    {
        Assert.True((int)response.StatusCode < 500, $"{what}: answered {(int)response.StatusCode}");
        var page = await HtmlPage.ParseAsync(response);
        AssertNoInjectedScript(page, what);
        return page;
    }

    /// <summary>Refused: the same page again with the message under the field, and the database as it was.</summary>
    private async Task AssertRefusedAsync(HttpResponseMessage response, string field, string before, string what, string name = "", Func<HtmlPage, string>? errorOf = null)
    {
        if (name == Nul)
        {
            await AssertUnreadableAsync(response, before, what);
            return;
        }

        var page = await PageOf(response, what);
        Assert.True(page.Status == HttpStatusCode.OK, $"{what}: answered {(int)page.Status} {response.Headers.Location}");
        var error = errorOf?.Invoke(page) ?? page.FieldError(field);
        Assert.False(string.IsNullOrWhiteSpace(error), $"{what}: no message under {field}; form error: {page.FormError}");
        Assert.True(before == await factory.DatabaseStateAsync(), $"{what}: the database changed");
    }

    /// <summary>
    /// NUL in a url-encoded form: ASP.NET Core's form reader refuses "%00" before any page code runs (the request
    /// cannot be read), so the answer is the error page's "Bad request" with its advice, and nothing is stored.
    /// </summary>
    private async Task AssertUnreadableAsync(HttpResponseMessage response, string before, string what)
    {
        var page = await PageOf(response, what);
        Assert.True(page.Status == HttpStatusCode.BadRequest, $"{what}: answered {(int)page.Status} {response.Headers.Location}");
        Assert.Equal("Bad request", page.Text("main h1"));
        Assert.Contains("The request could not be understood. Reload the page and try again.", page.Text("main"), StringComparison.Ordinal);
        Assert.True(before == await factory.DatabaseStateAsync(), $"{what}: the database changed");
    }

    /// <summary>Accepted: saved, then back to the page (PRG).</summary>
    private static async Task AssertStoredAsync(HttpResponseMessage response, string what)
    {
        var page = await PageOf(response, what);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: expected it saved, got {(int)response.StatusCode}: {page.FormError}");
    }

    /// <summary>The stored text shows as text: the page's markup holds it escaped, and no script element came from it.</summary>
    private static async Task AssertShownEscapedAsync(HttpClient client, string url, string value)
    {
        var page = await client.GetPageAsync(url);
        var html = await page.Response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
        AssertNoInjectedScript(page, url);
        var shown = page.Document.Body!.TextContent.Contains(value, StringComparison.Ordinal)
                    || page.Document.QuerySelectorAll("input, textarea").Any(e => (e.GetAttribute("value") ?? e.TextContent) == value);
        Assert.True(shown, $"{url} does not show the stored value");
    }

    private static void AssertNoInjectedScript(HtmlPage page, string what)
        => Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"{what}: inline script on the page"));

    private static int LastAddress;

    /// <summary>A browser from its own client address, so the sign-in throttle (per address) never answers instead of the form.</summary>
    private HttpClient FromNewAddress()
    {
        var client = factory.CreateBrowserClient();
        var n = Interlocked.Increment(ref LastAddress);
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
        return client;
    }

    private int MailCount() => Directory.Exists(factory.PickupDirectory) ? Directory.GetFiles(factory.PickupDirectory).Length : 0;

    private static string DaysAhead(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<List<string?>> TokenDescriptionsAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonalAccessTokens.Where(t => t.UserId == userId).Select(t => t.Description).ToListAsync());

    private Task<List<string>> NamesAsync() => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return (await db.Organizations.Select(o => o.Name).ToListAsync()).Concat(await db.Departments.Select(d => d.Name).ToListAsync()).ToList();
    });
}
