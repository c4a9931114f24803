using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Account;

/// <summary>The app's own password hasher, counting how many hashes it verifies.</summary>
public sealed class CountingHasherFactory : PortalFactory
{
    private int _verifications;
    public int Verifications => Volatile.Read(ref _verifications);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IPasswordHasher<AppUser>>();
            services.AddScoped<PasswordHasher<AppUser>>();
            services.AddScoped<IPasswordHasher<AppUser>>(sp => new CountingHasher(sp.GetRequiredService<PasswordHasher<AppUser>>(), this));
        });
    }

    private sealed class CountingHasher(PasswordHasher<AppUser> inner, CountingHasherFactory owner) : IPasswordHasher<AppUser>
    {
        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref owner._verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>SPEC 2.10: whether an account exists cannot be learnt from the sign-in page (same message, same work).</summary>
public class LoginEnumerationTests(CountingHasherFactory factory) : IClassFixture<CountingHasherFactory>
{
    private const string Mismatch = "The email address or username and password do not match.";

    [Fact]
    public async Task Post_UnknownAndKnownLogin_SameStatusMessageAndOnePasswordVerificationEach()
    {
        var user = await factory.CreateUserAsync();
        var unknownLogin = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        var (known, knownVerifications) = await SignInCountingAsync(user.UserName, "Wrong$Pass99");
        var (unknown, unknownVerifications) = await SignInCountingAsync(unknownLogin, "Wrong$Pass99");
        var (unknownEmail, unknownEmailVerifications) = await SignInCountingAsync(unknownLogin + "@example.test", "Wrong$Pass99");

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(known.Status, unknownEmail.Status);
        Assert.Equal(Mismatch, known.FormError);
        Assert.Equal(Mismatch, unknown.FormError);
        Assert.Equal(Mismatch, unknownEmail.FormError);
        // The unknown login costs a password verification too (against a hash made once at the same cost).
        Assert.Equal(1, knownVerifications);
        Assert.Equal(1, unknownVerifications);
        Assert.Equal(1, unknownEmailVerifications);
    }

    [Fact]
    public async Task Post_DisabledAccountWithWrongPassword_AnswersAsForAnUnknownLogin()
    {
        var user = await factory.CreateUserAsync(u => u.DisabledAt = DateTime.UtcNow);

        var (wrong, wrongVerifications) = await SignInCountingAsync(user.UserName, "Wrong$Pass99");
        var (right, _) = await SignInCountingAsync(user.UserName, user.Password);

        // Only someone who knows the password learns that the account exists and is disabled.
        Assert.Equal(Mismatch, wrong.FormError);
        Assert.Equal(1, wrongVerifications);
        Assert.Equal("This account is disabled. Contact your administrator.", right.FormError);
    }

    private async Task<(HtmlPage Page, int Verifications)> SignInCountingAsync(string login, string password)
    {
        var client = factory.CreateBrowserClient();
        var form = (await client.GetPageAsync("/Account/Login")).Form("Input.Login");
        var before = factory.Verifications;
        var response = await client.PostFormAsync(form, new Dictionary<string, string> { ["Input.Login"] = login, ["Input.Password"] = password }, "/Account/Login");
        var verifications = factory.Verifications - before;
        return (await HtmlPage.ParseAsync(response), verifications);
    }
}
