using System.Net;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Two-factor as a person does it: key read from the setup page, codes computed from it at the app's time.</summary>
public sealed record TwoFactorKey(string Key, IReadOnlyList<string> RecoveryCodes);

public static class TwoFactorJourney
{
    public const string SetupUrl = "/Settings/TwoFactor";

    /// <summary>The code an authenticator app shows for <paramref name="key"/> at the app's clock, moved by <paramref name="steps"/> periods.</summary>
    public static string CodeAt(this PortalFactory factory, string key, int steps = 0)
        => Totp.Code(Totp.DecodeBase32(key), Totp.TimeStep(factory.Clock.GetUtcNow()) + steps);

    /// <summary>Presses "Set up" and reads the key shown for typing (spaces removed).</summary>
    public static async Task<string> StartSetupAsync(this HttpClient client)
    {
        var page = await client.GetPageAsync(SetupUrl);
        var start = await client.PostFormAsync(page.FormWithHandler("Start"), new Dictionary<string, string>(), SetupUrl);
        var setup = await client.FollowAsync(start);
        var key = setup.Text("[data-testid='authenticator-key']").Replace(" ", "", StringComparison.Ordinal);
        if (key.Length == 0) throw new InvalidOperationException("No key on the setup page:\n" + setup.Document.Body?.TextContent);
        return key;
    }

    public static async Task<HttpResponseMessage> ConfirmSetupAsync(this HttpClient client, string code)
    {
        var page = await client.GetPageAsync(SetupUrl);
        return await client.PostFormAsync(page.FormWithHandler("Enable"), new Dictionary<string, string> { ["Input.Code"] = code }, SetupUrl);
    }

    /// <summary>Sets two-factor up from start to finish; the page after confirming shows the recovery codes.</summary>
    public static async Task<TwoFactorKey> EnableTwoFactorAsync(this HttpClient client, PortalFactory factory)
    {
        var key = await client.StartSetupAsync();
        var shown = await client.FollowAsync(await client.ConfirmSetupAsync(factory.CodeAt(key)));
        return new TwoFactorKey(key, RecoveryCodesOn(shown));
    }

    public static IReadOnlyList<string> RecoveryCodesOn(HtmlPage page)
        => (page.Value("recovery-codes") ?? page.Document.QuerySelector("#recovery-codes")?.TextContent ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The password step: for a person with two-factor on, the answer is the way to the second step.</summary>
    public static Task<HttpResponseMessage> PasswordStepAsync(this HttpClient client, TestUser user, string? returnUrl = null)
        => client.SubmitFormAsync("/Account/Login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            new Dictionary<string, string> { ["Input.Login"] = user.UserName, ["Input.Password"] = user.Password });

    /// <summary>Password, then the authenticator code on LoginWith2fa; the answer to the code.</summary>
    public static async Task<HttpResponseMessage> SignInWithCodeAsync(this HttpClient client, TestUser user, string code, bool rememberBrowser = false)
    {
        var passwordStep = await client.PasswordStepAsync(user);
        if (passwordStep.StatusCode != HttpStatusCode.Redirect || passwordStep.Headers.Location?.ToString().StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal) != true)
            throw new InvalidOperationException($"Expected the second step, got {(int)passwordStep.StatusCode} {passwordStep.Headers.Location}");
        return await client.SubmitCodeAsync(passwordStep.Headers.Location!.ToString(), code, rememberBrowser);
    }

    public static Task<HttpResponseMessage> SubmitCodeAsync(this HttpClient client, string url, string code, bool rememberBrowser = false)
    {
        var fields = new Dictionary<string, string> { ["Input.Code"] = code };
        if (rememberBrowser) fields["Input.RememberBrowser"] = "true";
        return client.SubmitFormAsync(url, fields);
    }

    public static Task SignOutAsync(this HttpClient client)
        => client.SubmitFormAsync("/Account/Logout", new Dictionary<string, string>());
}
