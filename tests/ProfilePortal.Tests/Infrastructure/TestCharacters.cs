using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Avatars;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>The avatar creator's "Set as avatar" as the browser sends it: the portrait, the document and the full body, to /Settings/Avatar.</summary>
public static class TestCharacters
{
    public const string AvatarPage = "/Settings/Avatar";

    /// <summary>512 × 512: left half red, right half blue (so a crop that was not ignored shows).</summary>
    public static readonly byte[] Portrait = TestImages.Png(512, 512, (x, _) => x < 256 ? ((byte)200, (byte)40, (byte)40) : ((byte)40, (byte)40, (byte)200));

    /// <summary>512 wide × 768 high, as the creator renders it.</summary>
    public static readonly byte[] FullBody = TestImages.Png(512, 768, (_, y) => y < 384 ? ((byte)30, (byte)150, (byte)60) : ((byte)240, (byte)200, (byte)40));

    /// <summary>The default character's JSON, changed by <paramref name="change"/> (members as the creator would send them).</summary>
    public static string Document(Action<JsonObject>? change = null)
    {
        var document = JsonNode.Parse(AvatarCharacterDocument.Default.ToJson())!.AsObject();
        change?.Invoke(document);
        return document.ToJsonString();
    }

    /// <summary>Posts a character; a null <paramref name="fullBody"/> leaves the full-body part out.</summary>
    public static Task<HttpResponseMessage> SetCharacterAsync(this HttpClient client, string? document = null, byte[]? fullBody = null, bool withFullBody = true,
        byte[]? portrait = null, IDictionary<string, string>? fields = null)
    {
        List<UploadedFile> files = [new("Input.File", portrait ?? Portrait, "avatar.png", "image/png")];
        if (withFullBody) files.Add(new UploadedFile("Input.FullBody", fullBody ?? FullBody, "avatar-full-body.png", "image/png"));
        var all = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["Input.Character"] = document ?? Document() };
        return client.UploadAsync(AvatarPage, "Input.File", files, all);
    }

    /// <summary>What the database holds of a person's avatar and character.</summary>
    public sealed record StoredAvatar(bool HasAvatar, bool IsCharacter, int Version, UserAvatar? Avatar, string? Document);

    public static Task<StoredAvatar> StoredAvatarAsync(this PortalFactory factory, Guid userId) => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        return new StoredAvatar(
            user.HasAvatar, user.AvatarIsCharacter, user.AvatarVersion,
            await db.UserAvatars.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId),
            await db.AvatarCharacters.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Document).SingleOrDefaultAsync());
    });
}
