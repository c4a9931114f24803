using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string UserName, string Email, string Password);

/// <summary>Creates people with unique names, so no test depends on another's data.</summary>
public static class TestUsers
{
    public const string DefaultPassword = "Correct$Horse9";

    public static async Task<TestUser> CreateUserAsync(this PortalFactory factory, Action<AppUser>? customize = null, string? role = null, string password = DefaultPassword)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var user = new AppUser
        {
            UserName = $"user{unique}",
            Email = $"user{unique}@example.test",
            EmailConfirmed = true,
            FirstName = "Ada",
            LastName = "Lovelace",
            CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
        };
        customize?.Invoke(user);
        await factory.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            if (role is not null) await users.AddToRoleAsync(user, role);
        });
        return new TestUser(user.Id, user.UserName!, user.Email!, password);
    }

    public static Task<AppUser> LoadUserAsync(this PortalFactory factory, Guid id)
        => factory.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id.ToString()))!);

    public static async Task<HttpClient> SignedInClientAsync(this PortalFactory factory, TestUser user)
    {
        var client = factory.CreateBrowserClient();
        await client.SignInAsync(user);
        return client;
    }
}
