using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>
/// /Settings/Avatar: the file field inside its drop zone, the crop area site.js shows once an image is chosen (a
/// square the keyboard moves, the hidden fields it fills), "Set as avatar", "Remove", and the menu's avatar.
/// </summary>
public sealed class AvatarPage(IPage page)
{
    public const string Path = "/Settings/Avatar";

    public IPage Page => page;
    public ILocator File => page.GetByLabel("Image file (JPEG, PNG, WebP or GIF, up to 5 MB)");
    public ILocator FileError => page.Locator("#Input_File_error");
    public ILocator DropZone => page.Locator("[data-drop-zone]");
    public ILocator CropArea => page.Locator("[data-crop-area]");
    public ILocator CropBox => CropArea.Locator(".crop-box");
    public ILocator CropX => page.Locator("input[name='Input.CropX']");
    public ILocator CropY => page.Locator("input[name='Input.CropY']");
    public ILocator CropSize => page.Locator("input[name='Input.CropSize']");
    public ILocator SetAsAvatarButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Set as avatar" });
    public ILocator RemoveButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Remove" });
    public ILocator StatusMessage => page.GetByTestId("status-message");
    public ILocator ProfileMenuToggle => page.Locator("details.profile-menu summary");
    public ILocator MenuAvatarImage => ProfileMenuToggle.Locator("img");
    public ILocator MenuAvatarInitials => ProfileMenuToggle.Locator("svg");

    public static async Task<AvatarPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new AvatarPage(page);
    }

    public Task ChooseAsync(string name, string mimeType, byte[] content)
        => File.SetInputFilesAsync(new FilePayload { Name = name, MimeType = mimeType, Buffer = content });

    /// <summary>Drops a file on the drop zone as a drag from the desktop would: a drop event carrying a DataTransfer.</summary>
    public async Task DropAsync(string name, string mimeType, byte[] content)
    {
        var dataTransfer = await page.EvaluateHandleAsync(
            """
            ([name, type, base64]) => {
                const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name, { type }));
                return transfer;
            }
            """,
            new[] { name, mimeType, Convert.ToBase64String(content) });
        await DropZone.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dataTransfer });
    }

    /// <summary>Picks the image, waits for the crop square, and sends it with "Set as avatar".</summary>
    public async Task UploadAsync(string name, string mimeType, byte[] content)
    {
        await ChooseAsync(name, mimeType, content);
        await Assertions.Expect(CropBox).ToBeVisibleAsync();
        await SetAsAvatarButton.ClickAsync();
    }

    /// <summary>Once the menu's image has loaded (fails if it cannot be decoded), its natural width.</summary>
    public Task<int> MenuAvatarNaturalWidthAsync()
        => MenuAvatarImage.EvaluateAsync<int>("image => image.decode().then(() => image.naturalWidth)");

    /// <summary>
    /// Fetches <paramref name="url"/> in the page (with its cookies) and draws it on a canvas there; returns the
    /// size and the RGBA of the centre pixel as the browser decoded it.
    /// </summary>
    public Task<int[]> CentrePixelAsync(string url)
        => page.EvaluateAsync<int[]>(
            """
            async url => {
                const response = await fetch(url);
                if (!response.ok) throw new Error(url + " answered " + response.status);
                const bitmap = await createImageBitmap(await response.blob());
                const canvas = document.createElement("canvas");
                canvas.width = bitmap.width;
                canvas.height = bitmap.height;
                const context = canvas.getContext("2d");
                context.drawImage(bitmap, 0, 0);
                const [r, g, b, a] = context.getImageData(bitmap.width >> 1, bitmap.height >> 1, 1, 1).data;
                return [bitmap.width, bitmap.height, r, g, b, a];
            }
            """,
            url);
}
