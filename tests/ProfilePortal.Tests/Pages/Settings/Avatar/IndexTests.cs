using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Avatar;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Avatar";
    private const string NotAnImage = "This file is not a JPEG, PNG, WebP or GIF image.";
    private static readonly byte[] RedSquare = TestImages.SolidPng(300, 200, (220, 30, 30));

    [Fact]
    public async Task Upload_Png_StoresSquareWebPAndShowsItEverywhere()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.UploadAsync(Url, "Input.File", RedSquare, "me.png", "image/png");

        var page = await client.FollowAsync(response);
        Assert.Equal("Your new avatar is set.", page.StatusMessage);
        var stored = await AvatarAsync(user.Id);
        Assert.True(TestImages.IsWebP(stored!.Image512));
        Assert.True(TestImages.IsWebP(stored.Image128));
        Assert.Equal(1, stored.Version);
        // The profile menu on every page shows the uploaded image, by its versioned URL.
        var profile = await client.GetPageAsync("/Settings/Profile");
        var img = profile.Document.QuerySelector("details.profile-menu summary img");
        Assert.Equal($"/avatars/{user.Id}/128?v=1", img?.GetAttribute("src"));
    }

    [Fact]
    public async Task GetAvatar_VersionedUrl_IsCachedForAYearWithEtagAnd304()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await client.UploadAsync(Url, "Input.File", RedSquare, "me.png", "image/png");

        var response = await client.GetAsync($"/avatars/{user.Id}/512?v=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        // Kept by this browser only: avatars are visible inside the organization, so no shared cache may hold them.
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Private && !cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var etag = response.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, $"/avatars/{user.Id}/512?v=1");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        // A URL without the current version must be revalidated, never kept.
        var unversioned = (await client.GetAsync($"/avatars/{user.Id}/512")).Headers.CacheControl!;
        Assert.True(unversioned.NoCache && unversioned.Private);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/avatars/{user.Id}/300?v=1")).StatusCode);
    }

    [Fact]
    public async Task Upload_Again_ReplacesAndBumpsTheVersion()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await client.UploadAsync(Url, "Input.File", RedSquare, "one.png", "image/png");
        var first = (await AvatarAsync(user.Id))!.Image512;

        await client.UploadAsync(Url, "Input.File", TestImages.SolidPng(120, 240, (20, 40, 200)), "two.png", "image/png");

        var second = await AvatarAsync(user.Id);
        Assert.Equal(2, second!.Version);
        Assert.NotEqual(first, second.Image512);
        Assert.Equal(1, await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserAvatars.CountAsync(a => a.UserId == user.Id)));
    }

    [Fact]
    public async Task Upload_FromTwoSessionsAtOnce_BothSucceedAndTheLastOneIsShown()
    {
        // Two tabs or devices of one person (found by bench/avatar-uploads.sh: one answered 500 on a concurrency conflict).
        var user = await factory.CreateUserAsync();
        var tabs = new[] { await factory.SignedInClientAsync(user), await factory.SignedInClientAsync(user), await factory.SignedInClientAsync(user) };
        var photo = TestImages.SolidPng(1600, 1200, (90, 120, 30));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => tabs).Select(tab => tab.UploadAsync(Url, "Input.File", photo, "me.png", "image/png")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var (version, avatar) = await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Users.Where(u => u.Id == user.Id).Select(u => u.AvatarVersion).SingleAsync(), await db.UserAvatars.SingleAsync(a => a.UserId == user.Id));
        });
        Assert.Equal(responses.Length, version);
        Assert.Equal(version, avatar.Version);
    }

    [Fact]
    public async Task Remove_RestoresTheInitialsSvg()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await client.UploadAsync(Url, "Input.File", RedSquare, "me.png", "image/png");

        var removeForm = (await client.GetPageAsync(Url)).FormWithHandler("Remove");
        var removed = await client.PostFormAsync(removeForm, new Dictionary<string, string>(), Url);

        Assert.Equal("Your avatar has been removed; your initials are shown instead.", (await client.FollowAsync(removed)).StatusMessage);
        Assert.Null(await AvatarAsync(user.Id));
        var svg = await client.GetAsync($"/avatars/{user.Id}/128?v=2");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains(">AL</text>", await svg.Content.ReadAsStringAsync());
        Assert.Contains("sandbox", string.Join(" ", svg.Headers.GetValues("Content-Security-Policy")));
        Assert.NotNull((await client.GetPageAsync("/Settings/Profile")).Document.QuerySelector("details.profile-menu summary svg"));
    }

    public static TheoryData<string, byte[], string, string> RefusedUploads() => new()
    {
        { "text named .jpg", Encoding.UTF8.GetBytes("this is not an image at all"), "photo.jpg", NotAnImage },
        { "svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>"), "a.svg", NotAnImage },
        // Formats the bundled libvips could decode (SVG, TIFF) or that need a module (PDF), all sent as image/jpeg named .jpg.
        { "svg named .jpg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"), "photo.jpg", NotAnImage },
        { "tiff named .jpg", TestImages.GreyTiff(), "photo.jpg", NotAnImage },
        { "pdf named .jpg", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"), "photo.jpg", NotAnImage },
        { "empty", [], "empty.png", "The file is empty. Choose an image." },
        { "5 MB + 1 byte", new byte[5 * 1024 * 1024 + 1], "big.png", "The image is larger than 5 MB. Choose a smaller file." },
        { "truncated png", RedSquare[..(RedSquare.Length / 2)], "cut.png", "The image could not be read: it may be damaged or incomplete." },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task Upload_Refused_ShowsMessageAndKeepsThePreviousAvatar(string what, byte[] file, string name, string message)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await client.UploadAsync(Url, "Input.File", RedSquare, "me.png", "image/png");
        var before = await AvatarAsync(user.Id);

        var response = await client.UploadAsync(Url, "Input.File", file, name, "image/jpeg");

        Assert.True(response.StatusCode == HttpStatusCode.OK, what);
        Assert.Equal(message, (await HtmlPage.ParseAsync(response)).FieldError("Input.File"));
        var after = await AvatarAsync(user.Id);
        Assert.Equal(before!.Version, after!.Version);
        Assert.Equal(before.Image512, after.Image512);
    }

    [Fact]
    public async Task Upload_NoFile_AsksForOne()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var response = await client.UploadAsync(Url, "Input.File", null, "", "");

        Assert.Equal("Choose an image to upload.", (await HtmlPage.ParseAsync(response)).FieldError("Input.File"));
    }

    [Theory]
    [InlineData("0", "0", "200", true)]
    [InlineData("100", "0", "200", true)]
    [InlineData("101", "0", "200", false)]
    [InlineData("-1", "0", "50", false)]
    [InlineData("0", "0", "0", false)]
    [InlineData("10", "", "50", false)]
    public async Task Upload_WithCrop_AcceptsSquaresInsideTheImageOnly(string x, string y, string size, bool accepted)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.UploadAsync(Url, "Input.File", RedSquare, "me.png", "image/png",
            new Dictionary<string, string> { ["Input.CropX"] = x, ["Input.CropY"] = y, ["Input.CropSize"] = size });

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return;
        }

        Assert.Equal("The chosen square lies outside the image. Choose the area again.", (await HtmlPage.ParseAsync(response)).FieldError("Input.File"));
        Assert.Null(await AvatarAsync(user.Id));
    }

    [Fact]
    public async Task Upload_ByAnotherPerson_NeverTouchesMyAvatar()
    {
        var me = await factory.CreateUserAsync();
        var mine = await factory.SignedInClientAsync(me);
        await mine.UploadAsync(Url, "Input.File", RedSquare, "me.png", "image/png");
        var other = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        // The pages act on the signed-in person only; an id smuggled into the form is ignored.
        await other.UploadAsync(Url, "Input.File", TestImages.SolidPng(50, 50, (0, 0, 0)), "x.png", "image/png", new Dictionary<string, string> { ["UserId"] = me.Id.ToString() });
        await other.PostWithTokenAsync(await other.GetPageAsync(Url), Url + "?handler=Remove", new Dictionary<string, string> { ["UserId"] = me.Id.ToString() });

        Assert.Equal(1, (await AvatarAsync(me.Id))!.Version);
    }

    [Fact]
    public async Task Healthz_Administrator_SeesLibvipsAndItsVersion()
    {
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: ProfilePortal.Web.Data.Roles.Administrator));

        var body = await admin.GetStringAsync("/healthz");

        using var json = System.Text.Json.JsonDocument.Parse(body);
        var imaging = json.RootElement.GetProperty("checks").GetProperty("imaging");
        Assert.Equal("Healthy", imaging.GetProperty("status").GetString());
        Assert.StartsWith("8.", imaging.GetProperty("data").GetProperty("version").GetString());
    }

    private Task<UserAvatar?> AvatarAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserAvatars.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId));
}

/// <summary>The request limit needs a real server: the in-memory test server does not enforce body sizes.</summary>
public sealed class StartedKestrelPortal : KestrelPortal
{
    public StartedKestrelPortal() => Start();
}

public class AvatarUploadLimitTests(StartedKestrelPortal portal) : IClassFixture<StartedKestrelPortal>
{
    private readonly KestrelPortal _portal = portal;

    // 6 MB is under Kestrel's own 30 MB default, so it proves the page's 5 MB limit applies before the body is read.
    [Theory]
    [InlineData(50)]
    [InlineData(6)]
    public async Task Post_OversizedBody_RefusedWith413BeforeTheBodyIsSent(int megabytes)
    {
        var user = await _portal.CreateUserAsync();
        var jar = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = _portal.BaseAddress };
        await browser.SignInAsync(user);
        var cookies = jar.GetCookieHeader(_portal.BaseAddress);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _portal.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /Settings/Avatar HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookies}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {megabytes * 1024 * 1024}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        // Send one megabyte, then wait for the answer: it must come without the rest.
        await stream.WriteAsync(new byte[1024 * 1024]);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var read = await stream.ReadAsync(buffer, timeout.Token);

        var status = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        Assert.Equal("HTTP/1.1 413 Payload Too Large", status);
    }
}
