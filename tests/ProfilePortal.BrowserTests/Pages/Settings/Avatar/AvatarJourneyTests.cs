using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Avatars;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Avatar;

public sealed class AvatarJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>400×200: the left half red, the right half blue, so where the square was cropped shows in the result.</summary>
    internal static readonly byte[] RedBluePng = TestImages.Png(400, 200, (x, _) => x < 200 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255));

    [Fact]
    public async Task PickCropAndUpload_SquareMovedFullyRight_MenuShowsTheBlueHalf()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var avatar = await AvatarPage.OpenAsync(session.Page);
        await Expect(avatar.CropArea).ToBeHiddenAsync();

        await avatar.ChooseAsync("photo.png", "image/png", RedBluePng);

        await Expect(avatar.CropArea).ToBeVisibleAsync();
        await Expect(avatar.CropBox).ToBeVisibleAsync();
        await Expect(avatar.CropX).ToHaveValueAsync("100");
        await Expect(avatar.CropY).ToHaveValueAsync("0");
        await Expect(avatar.CropSize).ToHaveValueAsync("200");

        await avatar.CropBox.FocusAsync();
        var previous = 100;
        for (var i = 0; i < 15; i++)
        {
            await avatar.CropBox.PressAsync("ArrowRight");
            var x = int.Parse(await avatar.CropX.InputValueAsync(), CultureInfo.InvariantCulture);
            Assert.InRange(x, previous, 200);
            Assert.True(x > previous || x == 200, $"ArrowRight left CropX at {x}.");
            previous = x;
        }
        await Expect(avatar.CropX).ToHaveValueAsync("200");
        await Expect(avatar.CropY).ToHaveValueAsync("0");
        await Expect(avatar.CropSize).ToHaveValueAsync("200");

        await avatar.SetAsAvatarButton.ClickAsync();

        await Expect(avatar.StatusMessage).ToHaveTextAsync("Your new avatar is set.");
        var url = AvatarEndpoint.Url(user.Id, 1);
        await Expect(avatar.MenuAvatarImage).ToHaveAttributeAsync("src", new Regex($"^{Regex.Escape(url)}$"));
        Assert.Equal(128, await avatar.MenuAvatarNaturalWidthAsync());

        var pixel = await avatar.CentrePixelAsync(url);
        Assert.Equal([128, 128], pixel[..2]);
        var (r, g, b) = (pixel[2], pixel[3], pixel[4]);
        Assert.True(b > 200 && r < 60 && g < 60, $"The centre of the stored avatar is rgb({r}, {g}, {b}), not blue: the chosen square was not used.");
    }

    [Fact]
    public async Task DropFileOnDropZone_PngImage_CropAreaAppears()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var avatar = await AvatarPage.OpenAsync(session.Page);
        await Expect(avatar.CropArea).ToBeHiddenAsync();

        await avatar.DropAsync("dropped.png", "image/png", RedBluePng);

        await Expect(avatar.CropArea).ToBeVisibleAsync();
        await Expect(avatar.CropBox).ToBeVisibleAsync();
        await Expect(avatar.CropX).ToHaveValueAsync("100");
        await Expect(avatar.CropSize).ToHaveValueAsync("200");
        Assert.Equal(1, await avatar.File.EvaluateAsync<int>("input => input.files.length"));
    }

    [Fact]
    public async Task PickFile_OverFiveMegabytes_RefusedInTheBrowserWithoutARequest()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var avatar = await AvatarPage.OpenAsync(session.Page);
        var posts = new List<string>();
        session.Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains(AvatarPage.Path, StringComparison.OrdinalIgnoreCase)) posts.Add(request.Url);
        };

        await avatar.ChooseAsync("huge.png", "image/png", new byte[AvatarService.MaxBytes + 1]);

        await Expect(avatar.FileError).ToHaveTextAsync("The image is larger than 5 MB. Choose a smaller file.");
        await Expect(avatar.File).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(avatar.CropArea).ToBeHiddenAsync();
        Assert.Equal(0, await avatar.File.EvaluateAsync<int>("input => input.files.length"));
        Assert.Empty(posts);
    }

    [Fact]
    public async Task Remove_AfterUpload_MenuShowsInitialsAgain()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var avatar = await AvatarPage.OpenAsync(session.Page);
        await avatar.UploadAsync("photo.png", "image/png", RedBluePng);
        await Expect(avatar.StatusMessage).ToHaveTextAsync("Your new avatar is set.");
        await Expect(avatar.MenuAvatarImage).ToBeAttachedAsync();

        await avatar.RemoveButton.ClickAsync();

        await Expect(avatar.StatusMessage).ToHaveTextAsync("Your avatar has been removed; your initials are shown instead.");
        await Expect(avatar.MenuAvatarInitials).ToBeAttachedAsync();
        await Expect(avatar.MenuAvatarImage).ToHaveCountAsync(0);
        await Expect(avatar.RemoveButton).ToHaveCountAsync(0);
    }
}
