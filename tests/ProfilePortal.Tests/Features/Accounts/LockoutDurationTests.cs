using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Features.Accounts;

/// <summary>A portal whose lockout lasts 40 minutes instead of the default 15.</summary>
public sealed class LongLockoutFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<IdentityOptions>(o => o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(40)));
    }
}

/// <summary>Every message that names the lockout's length reads it from Identity's lockout options.</summary>
public class LockoutDurationTests(LongLockoutFactory factory) : IClassFixture<LongLockoutFactory>
{
    private const string WrongPassword = "Wrong$Guess99";

    [Fact]
    public async Task SignIn_FiveFailures_LockoutPageNamesTheConfiguredMinutes()
    {
        var user = await factory.CreateUserAsync();
        var browser = factory.CreateBrowserClient();

        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++) response = await browser.SignInAsync(user.UserName, WrongPassword);
        var page = await browser.FollowAsync(response);

        Assert.Contains("Try again in 40 minutes", page.Text("main"));
    }

    [Fact]
    public async Task ChangePassword_FiveWrongCurrentPasswords_MessageNamesTheConfiguredMinutes()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var fields = new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = WrongPassword,
            ["Input.NewPassword"] = "Brand$New9pass",
            ["Input.ConfirmPassword"] = "Brand$New9pass",
        };

        var page = await SubmitFiveTimesAsync(client, "/Settings/Security", fields);

        Assert.Equal("Too many wrong passwords: the account is locked for 40 minutes.", page.FieldError("Input.CurrentPassword"));
    }

    [Fact]
    public async Task ChangeUsername_FiveWrongCurrentPasswords_MessageNamesTheConfiguredMinutes()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var fields = new Dictionary<string, string>
        {
            ["Input.NewUserName"] = "renamed" + Guid.NewGuid().ToString("N")[..8],
            ["Input.CurrentPassword"] = WrongPassword,
        };

        var page = await SubmitFiveTimesAsync(client, "/Settings/Username", fields);

        Assert.Equal("Too many wrong passwords: the account is locked for 40 minutes.", page.FieldError("Input.CurrentPassword"));
    }

    [Fact]
    public async Task Reauthenticate_FiveWrongPasswords_MessageNamesTheConfiguredMinutes()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await SubmitFiveTimesAsync(client, "/Account/Reauthenticate?returnUrl=%2FSettings%2FTokens",
            new Dictionary<string, string> { ["Input.Password"] = WrongPassword });

        Assert.Equal("Too many wrong passwords: the account is locked for 40 minutes.", page.FieldError("Input.Password"));
    }

    private static async Task<HtmlPage> SubmitFiveTimesAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        HtmlPage page = null!;
        for (var i = 0; i < 5; i++) page = await client.SubmitAndReadAsync(url, fields);
        return page;
    }
}
