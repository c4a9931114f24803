using System.Net;
using AngleSharp.Html.Dom;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Helpers that read like a person's journey: open a page, fill its form, submit.</summary>
public static class BrowserClientExtensions
{
    public static async Task<HtmlPage> GetPageAsync(this HttpClient client, string url)
        => await HtmlPage.ParseAsync(await client.GetAsync(url));

    /// <summary>Opens the page, fills the form holding the first given field, and posts it as a browser would (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? handler = null)
    {
        var page = await client.GetPageAsync(url);
        if (page.Status != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} answered {(int)page.Status}");
        // Without fields, the form posting to the page itself (the layout's menu holds other forms, such as the status switcher).
        var form = fields.Count == 0 ? page.FormPostingTo(url) : page.Form(fields.Keys.First());
        return await client.PostFormAsync(form, fields, url, handler);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IHtmlFormElement form, IDictionary<string, string> fields, string fallbackUrl, string? handler = null)
    {
        var values = HtmlPage.FieldsOf(form);
        foreach (var (key, value) in fields) values[key] = value;
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? fallbackUrl : form.GetAttribute("action")!;
        if (handler is not null) action += (action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts hand-made fields with the token of a page this client opened: what a forged or edited form sends.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, HtmlPage page, string url, IDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = page.AntiforgeryToken };
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    public static async Task<HtmlPage> SubmitAndReadAsync(this HttpClient client, string url, IDictionary<string, string> fields)
        => await HtmlPage.ParseAsync(await client.SubmitFormAsync(url, fields));

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string login, string password)
    {
        var response = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = password,
        });
        return response;
    }

    public static async Task SignInAsync(this HttpClient client, TestUser user)
    {
        var response = await client.SignInAsync(user.UserName, user.Password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/Account/", StringComparison.Ordinal) == true)
            throw new InvalidOperationException($"Sign-in of {user.UserName} failed: {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Follows a redirect the way a browser would after a successful POST (PRG).</summary>
    public static async Task<HtmlPage> FollowAsync(this HttpClient client, HttpResponseMessage redirect)
    {
        if (redirect.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            throw new InvalidOperationException($"Expected a redirect, got {(int)redirect.StatusCode}: {await redirect.Content.ReadAsStringAsync()}");
        return await client.GetPageAsync(redirect.Headers.Location!.ToString());
    }
}
