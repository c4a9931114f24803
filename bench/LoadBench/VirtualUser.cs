using System.Globalization;
using System.Net.Http.Headers;
using ProfilePortal.Tests.Infrastructure;

namespace LoadBench;

/// <summary>How a profile save ended, as the person saw it.</summary>
internal enum SaveOutcome
{
    /// <summary>The PRG redirect, then the page with "Your profile has been updated." and the new title.</summary>
    Acknowledged,

    /// <summary>No answer, a 5xx, or the redirect without the confirmed page: it may or may not be stored.</summary>
    InDoubt,

    /// <summary>The app answered that it did not save (the form again with an error, a sign-in redirect, a 4xx).</summary>
    Refused,
}

internal sealed record SaveAttempt(string Title, SaveOutcome Outcome);

/// <summary>
/// One signed-in person (a seeded account of their own) in one browser, acting in a loop until the deadline: page
/// reads, profile saves, avatar uploads, token creation (revoking one first when five are active, far below the limit
/// of 50) and ending a second session signed in for the occasion. Each save writes a title no other save writes
/// ("u17-save-342"), so the stored title tells which save won.
/// </summary>
internal sealed class VirtualUser(int index, string userName, LoadOptions options, Recorder recorder) : IDisposable
{
    /// <summary>Relative weights of the actions (reads are the cheapest and most common, as in real use).</summary>
    private static readonly (string Name, int Weight)[] Mix =
    [
        ("read profile", 30), ("read sessions", 10), ("read tokens", 10), ("save profile", 25), ("upload avatar", 10),
        ("create token", 10), ("end a session", 5),
    ];

    private const int ActiveTokensBeforeRevoke = 5;
    private readonly PortalSession _browser = new(options.BaseUrl, recorder, userName, "main");
    private readonly Random _random = new(options.Seed * 1000 + index);
    private readonly List<SaveAttempt> _saves = [];
    private int _tokens;

    public string UserName => userName;
    public IReadOnlyList<SaveAttempt> Saves => _saves;

    /// <summary>The title read when the run began; what must be stored when no save was acknowledged.</summary>
    public string? InitialTitle { get; private set; }

    public Dictionary<string, int> Actions { get; } = new(StringComparer.Ordinal);

    public async Task<bool> SignInAsync()
    {
        if (!await SignInAsync(_browser)) return false;
        var page = await _browser.GetAsync("GET /Settings/Profile", "/Settings/Profile");
        if (page is null) return false;
        if (!IsOwnProfile(page)) return _browser.Unexpected("GET /Settings/Profile", page, "200 with the own profile");
        InitialTitle = Html.InputValue(page.Body, "Input.Title");
        return true;
    }

    public async Task RunAsync(DateTimeOffset deadline)
    {
        var total = Mix.Sum(m => m.Weight);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var pick = _random.Next(total);
            var action = Mix.First(m => (pick -= m.Weight) < 0).Name;
            Actions[action] = Actions.GetValueOrDefault(action) + 1;
            switch (action)
            {
                case "read profile": await ReadProfileAsync(); break;
                case "read sessions": await ReadAsync("/Settings/Sessions", "data-testid=\"sessions\""); break;
                case "read tokens": await ReadAsync("/Settings/Tokens", "id=\"active-heading\""); break;
                case "save profile": await SaveProfileAsync(); break;
                case "upload avatar": await UploadAvatarAsync(); break;
                case "create token": await CreateTokenAsync(); break;
                default: await EndSecondSessionAsync(); break;
            }

            if (options.Think > TimeSpan.Zero) await Task.Delay(options.Think);
        }
    }

    /// <summary>The title the portal shows now on the person's own profile page (null when it could not be read).</summary>
    public async Task<string?> ReadStoredTitleAsync()
    {
        var page = await _browser.GetAsync("GET /Settings/Profile (read-back)", "/Settings/Profile");
        if (page is null) return null;
        if (!IsOwnProfile(page))
        {
            _browser.Unexpected("GET /Settings/Profile (read-back)", page, "200 with the own profile");
            return null;
        }

        return Html.InputValue(page.Body, "Input.Title");
    }

    public void Dispose() => _browser.Dispose();

    private async Task<bool> SignInAsync(PortalSession browser)
    {
        var form = await browser.GetAsync("GET /Account/Login", "/Account/Login");
        if (form is null) return false;
        if (form.Status != 200 || Html.AntiforgeryToken(form.Body) is not { } token) return browser.Unexpected("GET /Account/Login", form, "200 with the sign-in form");
        var reply = await browser.PostFormAsync("POST /Account/Login", "/Account/Login",
            [new("Input.Login", userName), new("Input.Password", options.Password), new("__RequestVerificationToken", token)]);
        if (reply is null) return false;
        return reply.IsRedirectTo("/Settings/Profile") || browser.Unexpected("POST /Account/Login", reply, "302 to /Settings/Profile");
    }

    /// <summary>A 200 showing this person's profile: the seeded email is "first.last.{index}@domain".</summary>
    private bool IsOwnProfile(Reply page)
        => page.Status == 200 && page.Body.Contains(string.Create(CultureInfo.InvariantCulture, $".{index}@"), StringComparison.Ordinal)
           && page.Body.Contains("name=\"Input.Title\"", StringComparison.Ordinal);

    private async Task<Reply?> ReadProfileAsync()
    {
        var page = await _browser.GetAsync("GET /Settings/Profile", "/Settings/Profile");
        if (page is null || IsOwnProfile(page)) return page;
        _browser.Unexpected("GET /Settings/Profile", page, "200 with the own profile");
        return null;
    }

    private async Task<Reply?> ReadAsync(string path, string marker)
    {
        var kind = "GET " + path;
        var page = await _browser.GetAsync(kind, path);
        if (page is null || page.Status == 200 && page.Body.Contains(marker, StringComparison.Ordinal)) return page;
        _browser.Unexpected(kind, page, "200 with the page");
        return null;
    }

    /// <summary>The page a PRG redirect leads to, with its status message; null (recorded) when either is missing.</summary>
    private async Task<Reply?> FollowAsync(string path, string marker, string message)
    {
        var page = await ReadAsync(path, marker);
        if (page is null) return null;
        if (Html.StatusMessage(page.Body)?.Contains(message, StringComparison.Ordinal) == true) return page;
        _browser.Unexpected("GET " + path, page, $"the status message \"{message}\"");
        return null;
    }

    private async Task SaveProfileAsync()
    {
        var form = await ReadProfileAsync();
        if (form is null || Html.AntiforgeryToken(form.Body) is not { } token) return;
        var title = string.Create(CultureInfo.InvariantCulture, $"u{index}-save-{_saves.Count + 1}");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.FirstName", Html.InputValue(form.Body, "Input.FirstName") ?? ""),
            new("Input.LastName", Html.InputValue(form.Body, "Input.LastName") ?? ""),
            new("Input.Title", title),
            new("Input.Phone", Html.InputValue(form.Body, "Input.Phone") ?? ""),
            new("Input.Address", Html.TextAreaValue(form.Body, "Input.Address") ?? ""),
            new("Input.Bio", Html.TextAreaValue(form.Body, "Input.Bio") ?? ""),
            new("Input.TimeZoneId", Html.SelectedOption(form.Body) ?? "UTC"),
            new("Input.ProfileVersion", Html.InputValue(form.Body, "Input.ProfileVersion") ?? "0"),
            new("__RequestVerificationToken", token),
        };
        var reply = await _browser.PostFormAsync("POST /Settings/Profile", "/Settings/Profile", fields);
        if (reply is null)
        {
            _saves.Add(new SaveAttempt(title, SaveOutcome.InDoubt));
            return;
        }

        if (!reply.IsRedirectTo("/Settings/Profile"))
        {
            _browser.Unexpected("POST /Settings/Profile", reply, "302 to /Settings/Profile");
            _saves.Add(new SaveAttempt(title, SaveOutcome.Refused));
            return;
        }

        // Acknowledged only once the person sees the message and the title on the page the redirect leads to.
        var page = await FollowAsync("/Settings/Profile", "name=\"Input.Title\"", "Your profile has been updated.");
        var shown = page is null ? null : Html.InputValue(page.Body, "Input.Title");
        if (page is not null && shown != title) _browser.Unexpected("GET /Settings/Profile", page, $"the title {title} just saved (shows {shown})");
        _saves.Add(new SaveAttempt(title, shown == title ? SaveOutcome.Acknowledged : SaveOutcome.InDoubt));
    }

    private async Task UploadAvatarAsync()
    {
        var form = await ReadAsync("/Settings/Avatar", "data-avatar-upload");
        if (form is null || Html.AntiforgeryToken(form.Body) is not { } token) return;
        // Every upload a different, valid image: a gradient from a random colour.
        var (r, g, b) = ((byte)_random.Next(256), (byte)_random.Next(256), (byte)_random.Next(256));
        var png = TestImages.Png(96, 96, (x, y) => ((byte)(r + x), (byte)(g + y), b));
        var reply = await _browser.SendAsync("POST /Settings/Avatar", () =>
        {
            var content = new MultipartFormDataContent();
            var file = new ByteArrayContent(png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(file, "Input.File", "avatar.png");
            content.Add(new StringContent(token), "__RequestVerificationToken");
            return new HttpRequestMessage(HttpMethod.Post, "/Settings/Avatar") { Content = content };
        });
        if (reply is null) return;
        if (!reply.IsRedirectTo("/Settings/Avatar"))
        {
            _browser.Unexpected("POST /Settings/Avatar", reply, "302 to /Settings/Avatar");
            return;
        }

        await FollowAsync("/Settings/Avatar", "data-avatar-upload", "Your new avatar is set.");
    }

    private async Task CreateTokenAsync()
    {
        var page = await ReadAsync("/Settings/Tokens", "id=\"active-heading\"");
        if (page is null) return;
        if (Html.ActiveTokenIds(page.Body) is { Count: >= ActiveTokensBeforeRevoke } active)
        {
            var revoke = await _browser.PostFormAsync("POST /Settings/Tokens?handler=Revoke", "/Settings/Tokens?handler=Revoke",
                [new("tokenId", active[0]), new("__RequestVerificationToken", Html.AntiforgeryToken(page.Body) ?? "")]);
            if (revoke is null) return;
            if (!revoke.IsRedirectTo("/Settings/Tokens"))
            {
                _browser.Unexpected("POST /Settings/Tokens?handler=Revoke", revoke, "302 to /Settings/Tokens");
                return;
            }

            page = await FollowAsync("/Settings/Tokens", "id=\"active-heading\"", "has been revoked");
            if (page is null) return;
        }

        var description = string.Create(CultureInfo.InvariantCulture, $"u{index}-token-{++_tokens}");
        var reply = await _browser.PostFormAsync("POST /Settings/Tokens?handler=Create", "/Settings/Tokens?handler=Create",
        [
            new("Input.Description", description), new("Input.Read", "true"), new("Input.Read", "false"), new("Input.Write", "false"),
            new("Input.NeverExpires", "false"), new("Input.ExpiresOn", Html.InputValue(page.Body, "Input.ExpiresOn") ?? ""),
            new("__Invariant", "Input.ExpiresOn"), new("__RequestVerificationToken", Html.AntiforgeryToken(page.Body) ?? ""),
        ]);
        if (reply is null) return;
        if (!reply.IsRedirectTo("/Settings/Tokens"))
        {
            _browser.Unexpected("POST /Settings/Tokens?handler=Create", reply, "302 to /Settings/Tokens");
            return;
        }

        var created = await FollowAsync("/Settings/Tokens", "id=\"active-heading\"", "Your new token has been created.");
        if (created is null) return;
        if (!created.Body.Contains("id=\"new-token-value\"", StringComparison.Ordinal))
        {
            _browser.Unexpected("GET /Settings/Tokens", created, "the new token's value");
            return;
        }

        // The new token works at once (also on the other node, behind nginx).
        var value = NewTokenValue(created.Body);
        var me = await _browser.SendAsync("GET /api/v1/me", () => new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"), value);
        if (me is not null && (me.Status != 200 || !me.Body.Contains($"\"{userName}\"", StringComparison.Ordinal)))
        {
            _browser.Unexpected("GET /api/v1/me", me, "200 with the person's JSON");
        }
    }

    private static string NewTokenValue(string html)
    {
        var start = html.IndexOf("id=\"new-token-value\"", StringComparison.Ordinal);
        var tag = html[start..html.IndexOf('>', start)];
        var value = tag.IndexOf("value=\"", StringComparison.Ordinal) + 7;
        return tag[value..tag.IndexOf('"', value)];
    }

    /// <summary>A second browser signs in as the same person; the main one ends that session from the Sessions page;
    /// the second browser's next request must be sent to sign in.</summary>
    private async Task EndSecondSessionAsync()
    {
        using var second = new PortalSession(options.BaseUrl, recorder, userName, "second");
        if (!await SignInAsync(second)) return;
        var page = await ReadAsync("/Settings/Sessions", "data-testid=\"sessions\"");
        if (page is null) return;
        var others = Html.OtherSessionIds(page.Body);
        if (others.Count == 0)
        {
            _browser.Unexpected("GET /Settings/Sessions", page, "the second session in the list");
            return;
        }

        // Normally one; a sign-in cut off by a node kill may have left another behind, which goes too.
        foreach (var id in others)
        {
            var reply = await _browser.PostFormAsync("POST /Settings/Sessions?handler=End", "/Settings/Sessions?handler=End",
                [new("sessionId", id), new("__RequestVerificationToken", Html.AntiforgeryToken(page.Body) ?? "")]);
            if (reply is null) return;
            if (!reply.IsRedirectTo("/Settings/Sessions"))
            {
                _browser.Unexpected("POST /Settings/Sessions?handler=End", reply, "302 to /Settings/Sessions");
                return;
            }

            page = await FollowAsync("/Settings/Sessions", "data-testid=\"sessions\"", "has ended.");
            if (page is null) return;
        }

        var after = await second.GetAsync("GET ended session", "/Settings/Profile");
        if (after is not null && !(after.Status == 302 && after.Location?.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) == true))
        {
            second.Unexpected("GET ended session", after, "302 to /Account/Login (the session was ended)");
        }
    }
}
