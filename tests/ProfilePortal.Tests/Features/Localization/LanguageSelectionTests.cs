using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Tests.Features.Localization;

/// <summary>
/// Which language a page speaks (SPEC 2.8): the account's choice, else this browser's choice from the switcher, else the
/// browser's Accept-Language, else English; emails, Identity's messages and the API's problems follow it too.
/// </summary>
public class LanguageSelectionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.5", "de", "ltr")]
    [InlineData("ar-EG", "ar", "rtl")]
    [InlineData("he", "he", "rtl")]
    [InlineData("zh-TW", "zh-Hant", "ltr")]
    [InlineData("zh-CN", "zh-Hans", "ltr")]
    [InlineData("pt-BR", "pt", "ltr")]
    [InlineData("sv-SE", "en", "ltr")]
    public async Task AcceptLanguage_ChoosesTheSupportedLanguage(string acceptLanguage, string expected, string direction)
    {
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var page = await client.GetPageAsync("/Account/Login");

        Assert.Equal(expected, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, page.Document.DocumentElement.GetAttribute("dir"));
        var stylesheet = page.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Equal(direction == "rtl", stylesheet.Contains("bootstrap.rtl.min.css", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Switcher_BeforeSignIn_RemembersTheLanguageInThisBrowserOverAcceptLanguage()
    {
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var login = await client.GetPageAsync("/Account/Login?returnUrl=%2FSettings%2FTokens");
        var switcher = login.Document.QuerySelector("[data-testid='language-switcher']") as AngleSharp.Html.Dom.IHtmlFormElement;
        Assert.NotNull(switcher);
        Assert.Equal("de", login.Document.QuerySelector("#footer-language option[selected]")!.GetAttribute("value"));

        var response = await client.PostFormAsync(switcher, new Dictionary<string, string> { ["Input.Culture"] = "fr" }, "/Account/Language");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?returnUrl=%2FSettings%2FTokens", response.Headers.Location!.ToString());
        var after = await client.GetPageAsync("/Account/Login");
        Assert.Equal("fr", after.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(TranslationFilesTests.Read("fr")["Sign in to ProfilePortal"], after.Text("h1"));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("de-DE")]
    public async Task Switcher_UnknownLanguage_SaysSoUnderTheFieldAndSetsNoCookie(string culture)
    {
        var client = factory.CreateBrowserClient();
        var page = await client.GetPageAsync("/Account/Language");

        var response = await client.PostWithTokenAsync(page, "/Account/Language", new Dictionary<string, string> { ["Input.Culture"] = culture });

        var result = await HtmlPage.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("Choose one of the listed languages.", result.FieldError("Input.Culture"));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(PortalLanguages.CookieName, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Switcher_ForeignReturnUrl_GoesToTheSignInPageInstead()
    {
        var client = factory.CreateBrowserClient();
        var page = await client.GetPageAsync("/Account/Language");

        var response = await client.PostWithTokenAsync(page, "/Account/Language?returnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string> { ["Input.Culture"] = "it" });

        Assert.Equal("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AccountLanguage_WinsOverCookieAndAcceptLanguage_AndReachesTheOtherSessionsAtOnce()
    {
        var user = await factory.CreateUserAsync();
        var first = await factory.SignedInClientAsync(user);
        var second = await factory.SignedInClientAsync(user);
        second.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko");
        Assert.Equal("ko", (await second.GetPageAsync("/Settings/Profile")).Document.DocumentElement.GetAttribute("lang"));

        await first.SubmitFormAsync("/Settings/Preferences", new Dictionary<string, string> { ["Input.Language"] = "ja" });

        var page = await second.GetPageAsync("/Settings/Profile");
        Assert.Equal("ja", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(TranslationFilesTests.Read("ja")["Public profile"], page.Text("h1"));
    }

    [Fact]
    public async Task PasswordResetEmail_IsInTheAccountsLanguage_WhateverTheBrowserAsking()
    {
        var user = await factory.CreateUserAsync(u => u.PreferredLanguage = "de");
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = user.Email });

        var mail = Assert.Single(await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, user.Email));
        var german = TranslationFilesTests.Read("de");
        Assert.Contains(german["If it was not you, ignore this message; your password stays as it is."], mail.Text);
    }

    [Fact]
    public async Task IdentityMessages_AreInThePersonsLanguage()
    {
        var description = await factory.InScopeAsync(sp => Task.FromResult(
            PortalLanguages.In("fr", () => sp.GetRequiredService<IdentityErrorDescriber>().DuplicateEmail("ada@example.com").Description)));

        Assert.Equal(TranslationFilesTests.Read("fr")["Another account already uses this email."], description);
    }

    [Fact]
    public async Task ApiProblem_SpeaksTheCallersLanguage_HeaderStaysEnglish()
    {
        var client = factory.ApiClient("ppt_short");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        var spanish = TranslationFilesTests.Read("es");
        Assert.Equal(spanish["Unauthorized"], problem!["title"].ToString());
        Assert.Equal(spanish["The token is malformed."], problem["detail"].ToString());
        Assert.Contains("error_description=\"The token is malformed.\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
