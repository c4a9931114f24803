using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Features.Security;

/// <summary>
/// A policy unlike Identity's own defaults: at least 12 characters and a lower-case letter, nothing else. Identity's
/// password options are not set at all; these tests show the configured policy alone decides, on every path.
/// </summary>
public sealed class LongLowercasePolicyFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PasswordPolicy:MinimumLength"] = "12",
        ["PasswordPolicy:RequireUppercase"] = "false",
        ["PasswordPolicy:RequireDigit"] = "false",
        ["PasswordPolicy:SpecialCharacters"] = "",
    };
}

public class PasswordPolicyTests(LongLowercasePolicyFactory factory) : IClassFixture<LongLowercasePolicyFactory>
{
    // Passes the configured policy; Identity's defaults would refuse it (no digit, upper-case or symbol).
    private const string PolicyOnly = "correct horse battery";

    // Passes Identity's defaults (8+ characters, every class); too short for the configured policy.
    private const string IdentityDefaultsOnly = "Abcdef1!x";

    [Fact]
    public async Task UserManager_PasswordMeetingOnlyThePolicy_IsAccepted()
    {
        var result = await CreateWithPasswordAsync(PolicyOnly);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task UserManager_PasswordMeetingOnlyIdentityDefaults_IsRefusedByThePolicy()
    {
        var result = await CreateWithPasswordAsync(IdentityDefaultsOnly);

        var error = Assert.Single(result.Errors);
        Assert.Equal("PasswordTooShort", error.Code);
        Assert.Equal("At least 12 characters", error.Description);
    }

    [Fact]
    public async Task ChangePassword_PolicyOnlyPassword_IsSaved()
    {
        var user = await factory.CreateUserAsync(password: "first long password");
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync("/Settings/Security", Fields(user.Password, PolicyOnly));

        Assert.Equal("Your password has been changed.", (await client.FollowAsync(response)).StatusMessage);
        Assert.Equal("/Settings/Profile", (await factory.CreateBrowserClient().SignInAsync(user.UserName, PolicyOnly)).Headers.Location?.ToString());
    }

    [Fact]
    public async Task ChangePassword_IdentityDefaultsOnlyPassword_ListsThePolicyRule()
    {
        var user = await factory.CreateUserAsync(password: "first long password");
        var client = await factory.SignedInClientAsync(user);

        var page = await client.SubmitAndReadAsync("/Settings/Security", Fields(user.Password, IdentityDefaultsOnly));

        Assert.Equal("The new password does not meet these rules: At least 12 characters.", page.FieldError("Input.NewPassword"));
    }

    private Task<IdentityResult> CreateWithPasswordAsync(string password)
        => factory.InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(new AppUser
        {
            UserName = "policy" + Guid.NewGuid().ToString("N")[..10],
            Email = Guid.NewGuid().ToString("N") + "@example.test",
            FirstName = "Grace",
            LastName = "Hopper",
        }, password));

    private static Dictionary<string, string> Fields(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };
}
