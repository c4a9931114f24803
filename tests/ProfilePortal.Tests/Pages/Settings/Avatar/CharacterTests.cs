using System.Net;
using System.Text.Json.Nodes;
using ProfilePortal.Tests.Infrastructure;
using static ProfilePortal.Tests.Infrastructure.TestCharacters;

namespace ProfilePortal.Tests.Pages.Settings.Avatar;

/// <summary>
/// SPEC 2.8b: the avatar creator's "Set as avatar" posts to the avatar page with the portrait, the character document and
/// the full-body render; the document is validated (known keys and ranges only) and nothing changes when anything is refused.
/// </summary>
public class CharacterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task PostCharacter_Valid_StoresPortraitFullBodyAndCanonicalDocument()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        // As a client might send it: indented, groups in another order; and crop fields, which a character ignores.
        var sent = JsonNode.Parse(Document(d => { d["hair"]!["color"] = "auburn"; d["body"]!["height"] = 107; }))!.AsObject();
        var reordered = new JsonObject(sent.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var crop = new Dictionary<string, string> { ["Input.CropX"] = "0", ["Input.CropY"] = "0", ["Input.CropSize"] = "100" };

        var response = await client.SetCharacterAsync(reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), fields: crop);

        Assert.Equal("Your new avatar is set.", (await client.FollowAsync(response)).StatusMessage);
        var stored = await factory.StoredAvatarAsync(user.Id);
        Assert.True(stored is { HasAvatar: true, IsCharacter: true, Version: 1 });
        Assert.Equal(
            "{\"version\":1,\"body\":{\"height\":107,\"build\":\"average\"},\"skin\":{\"tone\":\"sand\"},\"face\":{\"eyes\":\"round\",\"eyeColor\":\"brown\",\"brows\":\"straight\",\"mouth\":\"smile\"},\"hair\":{\"style\":\"short\",\"color\":\"auburn\"},\"outfit\":{\"top\":\"tshirt\",\"topColor\":\"navy\",\"bottom\":\"trousers\",\"bottomColor\":\"charcoal\",\"shoes\":\"sneakers\",\"shoesColor\":\"white\"},\"accessories\":{\"glasses\":\"none\",\"headwear\":\"none\",\"headwearColor\":\"red\"}}",
            stored.Document);
        var avatar = stored.Avatar!;
        Assert.Equal((512, 512), WebPSize(avatar.Image512));
        Assert.Equal((128, 128), WebPSize(avatar.Image128));
        Assert.Equal((512, 768), WebPSize(avatar.FullBody!));
        // The whole portrait, not the crop's red corner: red on the left, blue on the right.
        using var portrait = NetVips.Image.NewFromBuffer(avatar.Image512);
        Assert.True(portrait.Getpoint(64, 256)[0] > 150 && portrait.Getpoint(448, 256)[2] > 150, "the crop fields were not ignored");
    }

    public static TheoryData<string, string, string> RefusedDocuments() => new()
    {
        { "unknown group", Document(d => d["tail"] = new JsonObject()), "The character contains \"tail\", which is not one of its settings." },
        { "unknown field", Document(d => d["hair"]!["length"] = "long"), "The character contains \"hair.length\", which is not one of its settings." },
        { "missing field", Document(d => d["hair"]!.AsObject().Remove("color")), "The character has no \"hair.color\"; every setting needs a value." },
        { "missing group", Document(d => d.Remove("outfit")), "The character has no \"outfit\"; every setting needs a value." },
        { "height out of range", Document(d => d["body"]!["height"] = 130), "\"body.height\" must be a whole number from 85 to 115." },
        { "height not whole", Document(d => d["body"]!["height"] = 99.5), "\"body.height\" must be a whole number from 85 to 115." },
        { "colour of another field", Document(d => d["hair"]!["color"] = "green"), "\"hair.color\" must be one of: black, darkBrown, brown, auburn, blonde, platinum, grey, red, blue, pink." },
        { "colour as hex", Document(d => d["outfit"]!["topColor"] = "#ff0000"), "\"outfit.topColor\" must be one of: navy, blue, sky, teal, green, olive, yellow, orange, red, pink, purple, brown, khaki, white, grey, charcoal, black." },
        { "wrong version", Document(d => d["version"] = 2), "This character was saved in a version this portal does not know (it knows version 1)." },
        { "no version", Document(d => d.Remove("version")), "The character has no \"version\"; every setting needs a value." },
        { "not JSON", "{\"version\":1,", "The character could not be read: send a JSON object like the one the creator saves." },
        { "JSON array", "[1,2,3]", "The character could not be read: send a JSON object like the one the creator saves." },
        { "too long", Document() + new string(' ', 4000), "The character could not be read: send a JSON object like the one the creator saves." },
    };

    [Theory]
    [MemberData(nameof(RefusedDocuments))]
    public async Task PostCharacter_InvalidDocument_ErrorUnderCharacterAndNothingChanged(string what, string document, string message)
    {
        var (client, userId, before) = await PersonWithCharacterAsync();
        var state = await factory.DatabaseStateAsync();

        var response = await client.SetCharacterAsync(document, fullBody: TestImages.SolidPng(512, 768, (1, 2, 3)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, what);
        Assert.Equal(message, (await HtmlPage.ParseAsync(response)).FieldError("Input.Character"));
        await AssertUnchangedAsync(userId, before, state);
    }

    [Fact]
    public async Task PostCharacter_WithoutFullBody_ErrorUnderFullBodyAndNothingChanged()
    {
        var (client, userId, before) = await PersonWithCharacterAsync();
        var state = await factory.DatabaseStateAsync();

        var response = await client.SetCharacterAsync(Document(d => d["hair"]!["color"] = "pink"), withFullBody: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The character's full-body image is missing. Open the avatar creator and set the avatar again.",
            (await HtmlPage.ParseAsync(response)).FieldError("Input.FullBody"));
        await AssertUnchangedAsync(userId, before, state);
    }

    [Theory]
    [InlineData("not an image", "This file is not a JPEG, PNG, WebP or GIF image.")]
    [InlineData("truncated", "The image could not be read: it may be damaged or incomplete.")]
    public async Task PostCharacter_BadFullBody_ErrorUnderFullBodyAndNothingChanged(string what, string message)
    {
        var (client, userId, before) = await PersonWithCharacterAsync();
        var state = await factory.DatabaseStateAsync();
        var fullBody = what == "truncated" ? FullBody[..(FullBody.Length / 2)] : "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray();

        var response = await client.SetCharacterAsync(Document(d => d["hair"]!["color"] = "pink"), fullBody: fullBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, (await HtmlPage.ParseAsync(response)).FieldError("Input.FullBody"));
        await AssertUnchangedAsync(userId, before, state);
    }

    [Fact]
    public async Task PostCharacter_BadPortrait_ErrorUnderFileAndNothingChanged()
    {
        var (client, userId, before) = await PersonWithCharacterAsync();
        var state = await factory.DatabaseStateAsync();

        var response = await client.SetCharacterAsync(Document(d => d["hair"]!["color"] = "pink"), portrait: "not an image"u8.ToArray());

        Assert.Equal("This file is not a JPEG, PNG, WebP or GIF image.", (await HtmlPage.ParseAsync(response)).FieldError("Input.File"));
        await AssertUnchangedAsync(userId, before, state);
    }

    [Fact]
    public async Task PostPhoto_WithFullBodyButNoCharacter_RefusedAndNothingChanged()
    {
        var (client, userId, before) = await PersonWithCharacterAsync();
        var state = await factory.DatabaseStateAsync();

        var response = await client.UploadAsync(AvatarPage, "Input.File",
            [new UploadedFile("Input.File", Portrait, "me.png", "image/png"), new UploadedFile("Input.FullBody", FullBody, "body.png", "image/png")]);

        Assert.Equal("A full-body image is only accepted together with a character from the avatar creator.",
            (await HtmlPage.ParseAsync(response)).FieldError("Input.FullBody"));
        await AssertUnchangedAsync(userId, before, state);
    }

    [Fact]
    public async Task PostPhoto_AfterCharacter_EndsTheCharacterAvatarButKeepsTheDocument()
    {
        var (client, userId, before) = await PersonWithCharacterAsync();

        var response = await client.UploadAsync(AvatarPage, "Input.File", TestImages.SolidPng(300, 300, (10, 200, 10)), "photo.png", "image/png");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await factory.StoredAvatarAsync(userId);
        Assert.True(after is { HasAvatar: true, IsCharacter: false, Version: 2 });
        Assert.Null(after.Avatar!.FullBody);
        Assert.NotEqual(before.Avatar!.Image512, after.Avatar.Image512);
        Assert.Equal(before.Document, after.Document);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/avatars/{userId}/full?v=2")).StatusCode);
    }

    [Fact]
    public async Task Remove_Character_BackToInitialsKeepsTheDocument()
    {
        var (client, userId, before) = await PersonWithCharacterAsync();

        var removeForm = (await client.GetPageAsync(AvatarPage)).FormWithHandler("Remove");
        var removed = await client.PostFormAsync(removeForm, new Dictionary<string, string>(), AvatarPage);

        Assert.Equal("Your avatar has been removed; your initials are shown instead.", (await client.FollowAsync(removed)).StatusMessage);
        var after = await factory.StoredAvatarAsync(userId);
        Assert.True(after is { HasAvatar: false, IsCharacter: false, Version: 2, Avatar: null });
        Assert.Equal(before.Document, after.Document);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/avatars/{userId}/full?v=2")).StatusCode);
    }

    [Fact]
    public async Task PostCharacter_Again_ReplacesTheDocumentAndBothImages()
    {
        var (client, userId, before) = await PersonWithCharacterAsync();

        var response = await client.SetCharacterAsync(Document(d => d["accessories"]!["glasses"] = "round"),
            fullBody: TestImages.SolidPng(400, 800, (20, 20, 220)), portrait: TestImages.SolidPng(512, 512, (20, 220, 20)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await factory.StoredAvatarAsync(userId);
        Assert.True(after is { IsCharacter: true, Version: 2 });
        Assert.Contains("\"glasses\":\"round\"", after.Document);
        Assert.NotEqual(before.Avatar!.Image512, after.Avatar!.Image512);
        Assert.Equal((384, 768), WebPSize(after.Avatar.FullBody!));
    }

    private async Task<(HttpClient Client, Guid UserId, StoredAvatar Before)> PersonWithCharacterAsync()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetCharacterAsync()).StatusCode);
        var before = await factory.StoredAvatarAsync(user.Id);
        Assert.True(before is { IsCharacter: true, Version: 1 });
        return (client, user.Id, before);
    }

    private async Task AssertUnchangedAsync(Guid userId, StoredAvatar before, string state)
    {
        var after = await factory.StoredAvatarAsync(userId);
        Assert.Equal((before.HasAvatar, before.IsCharacter, before.Version, before.Document), (after.HasAvatar, after.IsCharacter, after.Version, after.Document));
        Assert.Equal(before.Avatar!.Image512, after.Avatar!.Image512);
        Assert.Equal(before.Avatar.Image128, after.Avatar.Image128);
        Assert.Equal(before.Avatar.FullBody, after.Avatar.FullBody);
        Assert.Equal(state, await factory.DatabaseStateAsync());
    }

    private static (int Width, int Height) WebPSize(byte[] data)
    {
        Assert.True(TestImages.IsWebP(data));
        using var image = NetVips.Image.NewFromBuffer(data);
        return (image.Width, image.Height);
    }
}
