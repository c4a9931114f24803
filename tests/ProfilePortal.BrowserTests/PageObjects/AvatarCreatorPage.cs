using System.Globalization;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>
/// /Settings/Avatar/Create: the stage (a canvas the keyboard turns), one radio group per choice (found by its legend),
/// the height slider, the editor's buttons, and the preview with "Set as avatar".
/// </summary>
public sealed class AvatarCreatorPage(IPage page)
{
    public const string Path = "/Settings/Avatar/Create";

    public IPage Page => page;
    public ILocator Stage => page.GetByRole(AriaRole.Img, new PageGetByRoleOptions { Name = "Your character" });
    public ILocator Height => page.GetByRole(AriaRole.Slider, new PageGetByRoleOptions { Name = "Height" });
    public ILocator HeightOutput => page.Locator("output[for='avatar-body-height']");
    public ILocator Unavailable => page.Locator("[data-creator-unavailable]");
    public ILocator NextButton => Button("Next");
    public ILocator BackButton => Button("Back");
    public ILocator RandomizeButton => Button("Randomize");
    public ILocator ResetButton => Button("Reset");
    public ILocator TurnLeftButton => Button("Turn left");
    public ILocator SetAsAvatarButton => Button("Set as avatar");
    public ILocator PreviewHeading => page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Your new avatar" });
    public ILocator PreviewImage => page.GetByRole(AriaRole.Img, new PageGetByRoleOptions { Name = "Portrait of your character" });
    public ILocator Error => page.Locator("[data-creator-error]");
    /// <summary>The live region (role status) that says what Randomize and Reset did.</summary>
    public ILocator Announcement => page.Locator("[data-creator-announcement]");
    public ILocator StatusMessage => page.GetByTestId("status-message");

    /// <summary>The radio groups of one field, by its legend ("Hair colour").</summary>
    public ILocator Field(string legend) => page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = legend, Exact = true });

    public ILocator Option(string legend, string label) => Field(legend).GetByRole(AriaRole.Radio, new LocatorGetByRoleOptions { Name = label, Exact = true });

    /// <summary>The visible label of an option (the radio itself is visually hidden), what a pointer clicks.</summary>
    public ILocator OptionLabel(string legend, string label) => Field(legend).Locator($"label:text-is('{label}')");

    public ILocator CheckedOption(string legend) => Field(legend).Locator("input[type='radio']:checked");

    private ILocator Button(string name) => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    /// <summary>Opens the page and waits for the script's first rendered frame.</summary>
    public static async Task<AvatarCreatorPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var creator = new AvatarCreatorPage(page);
        await creator.FirstFrameMillisecondsAsync();
        return creator;
    }

    /// <summary>Waits for html[data-avatar-first-frame-ms] (set by avatar-creator.js) and returns it.</summary>
    public async Task<double> FirstFrameMillisecondsAsync()
    {
        var value = await page.WaitForFunctionAsync("() => document.documentElement.dataset.avatarFirstFrameMs", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        return double.Parse(await value.JsonValueAsync<string>(), CultureInfo.InvariantCulture);
    }

    /// <summary>Presses Tab (nothing else) until <paramref name="target"/> has focus, as a keyboard user would.</summary>
    public async Task TabToAsync(ILocator target, int limit = 120)
    {
        for (var i = 0; i < limit; i++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException($"Tab never reached {target} in {limit} presses.");
    }

    /// <summary>The stage as drawn on screen (a PNG), to compare before and after a turn.</summary>
    public Task<byte[]> StageScreenshotAsync() => Stage.ScreenshotAsync();

    /// <summary>Fetches a URL with the page's cookies; returns its content type and bytes.</summary>
    public async Task<(string ContentType, byte[] Body)> FetchAsync(string url)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.True(response.Ok, $"{url} answered {response.Status}");
        return (response.Headers["content-type"], await response.BodyAsync());
    }
}
