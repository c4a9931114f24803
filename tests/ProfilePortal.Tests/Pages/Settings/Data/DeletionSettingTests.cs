using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Pages.Settings.Data;

/// <summary>
/// Accounts:Deletion is read and checked at start-up: a value that is neither mode stops the app (a name the binder
/// cannot read fails binding, a number outside the enum fails validation; both messages name the setting).
/// </summary>
public class DeletionSettingTests
{
    private sealed class DeletionSettingFactory(string value) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:Deletion"] = value };
    }

    [Theory]
    [InlineData("Sometimes")]
    [InlineData("7")]
    public async Task Start_UnknownDeletionMode_FailsNamingTheSetting(string value)
    {
        await using var factory = new DeletionSettingFactory(value);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Accounts:Deletion", error.Message, StringComparison.Ordinal);
    }
}
