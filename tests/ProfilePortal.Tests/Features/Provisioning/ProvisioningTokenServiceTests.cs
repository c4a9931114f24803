using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Provisioning;

namespace ProfilePortal.Tests.Features.Provisioning;

public sealed class ProvisioningTokenServiceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("Entra\u202Eevil")]
    [InlineData("Okta\u2066x\u2069")]
    [InlineData("Okta\u0007")]
    public async Task Create_NameWithControlCharacterOrDirectionOverride_IsRefused(string name)
    {
        // A token's name is shown as the actor of audit rows: a direction override would make it read as another name.
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);

        var (created, validation) = await factory.InScopeAsync(sp => sp.GetRequiredService<ProvisioningTokenService>().CreateAsync(admin.Id, name, CancellationToken.None));

        Assert.Null(created);
        var error = Assert.Single(validation.Errors);
        Assert.Equal(ProvisioningTokenService.NameField, error.PropertyName);
    }

    [Fact]
    public async Task Create_HundredCharactersOutsideTheBasicPlane_IsAccepted()
    {
        // The limit counts characters as PostgreSQL's varchar does (code points), not UTF-16 units.
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var name = string.Concat(Enumerable.Repeat("\U0001F511", 99)) + Guid.NewGuid().ToString("N")[..1];

        var (created, _) = await factory.InScopeAsync(sp => sp.GetRequiredService<ProvisioningTokenService>().CreateAsync(admin.Id, name, CancellationToken.None));

        Assert.NotNull(created);
    }

    [Fact]
    public async Task NamesAsync_NamesTokensOnly()
    {
        var token = await factory.CreateProvisioningTokenAsync("Names " + Guid.NewGuid().ToString("N")[..6]);
        var person = await factory.CreateUserAsync();

        var names = await factory.InScopeAsync(sp => sp.GetRequiredService<ProvisioningTokenService>().NamesAsync([token.Token.Id, person.Id], CancellationToken.None));

        Assert.Equal(token.Token.Name, Assert.Single(names, p => p.Key == token.Token.Id).Value);
        Assert.False(names.ContainsKey(person.Id));
    }
}
