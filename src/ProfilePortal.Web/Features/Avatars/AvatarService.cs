using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Imaging;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Persistence;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// Sets and removes a person's avatar (SPEC 2.2), a photo or a character from the avatar creator (SPEC 2.8b). Every
/// image is decoded and re-encoded before anything is stored; the new images, the character document and the user's
/// version change in one transaction, so a failure leaves the previous avatar.
/// </summary>
public sealed class AvatarService(
    AppDbContext db,
    IAvatarImageProcessor processor,
    AvatarProcessingGate gate,
    IValidator<AvatarInput> validator,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t)
{
    public const int MaxBytes = AvatarProcessingOptions.DefaultMaxBytes;

    /// <summary>A whole upload request may be this much larger than the file: the multipart envelope and other fields.</summary>
    public const int UploadRequestLimit = MaxBytes + 64 * 1024;

    /// <summary>Longest side of the character's full-body image as stored (the creator renders 512 × 768).</summary>
    public const int FullBodyMaxSide = 768;

    /// <summary>
    /// Sets a photo, or with <see cref="AvatarInput.Character"/> the creator's character: its portrait (the crop is
    /// ignored, the creator renders a square), its full-body image and its document. A photo ends the character
    /// avatar but keeps the document, so that "Edit my character" can reopen it.
    /// </summary>
    public async Task<ValidationResult> SetAsync(AppUser user, AvatarInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return validation;
        var character = input.Character is null ? null : AvatarCharacterDocument.Parse(input.Character).Document!;
        var upload = await ReadAsync(input.File!, cancellationToken);
        var result = await gate.RunAsync(() => processor.Process(upload, character is null ? input.Crop : null), cancellationToken);
        if (!result.Succeeded) return ValidationErrors.Failure(nameof(input.File), Describe(result.Failure!.Value));

        byte[]? fullBody = null;
        if (character is not null)
        {
            var fullBodyUpload = await ReadAsync(input.FullBody!, cancellationToken);
            var fullBodyResult = await gate.RunAsync(() => processor.ProcessWhole(fullBodyUpload, FullBodyMaxSide), cancellationToken);
            if (!fullBodyResult.Succeeded) return ValidationErrors.Failure(nameof(input.FullBody), Describe(fullBodyResult.Failure!.Value));
            fullBody = fullBodyResult.Images[0].Data;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await BeginAvatarChangeAsync(user, cancellationToken);
        user.HasAvatar = true;
        user.AvatarIsCharacter = character is not null;
        user.AvatarVersion++;
        NewAccountStamp(user);
        var avatar = await db.UserAvatars.FindAsync([user.Id], cancellationToken);
        if (avatar is null)
        {
            avatar = new UserAvatar { UserId = user.Id };
            db.UserAvatars.Add(avatar);
        }

        avatar.Image512 = result.ImageOfSize(512).Data;
        avatar.Image128 = result.ImageOfSize(128).Data;
        avatar.ContentType = result.ImageOfSize(512).ContentType;
        avatar.FullBody = fullBody;
        avatar.Version = user.AvatarVersion;
        avatar.UpdatedAt = now;
        if (character is not null) await StoreCharacterAsync(user.Id, character, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return validation;
    }

    /// <summary>Back to the initials; a character document stays for the creator to reopen.</summary>
    public async Task RemoveAsync(AppUser user, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAvatarChangeAsync(user, cancellationToken);
        await db.UserAvatars.Where(a => a.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        user.HasAvatar = false;
        user.AvatarIsCharacter = false;
        user.AvatarVersion++;
        NewAccountStamp(user);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The person's stored character document, or null when they never made one.</summary>
    public async Task<AvatarCharacterDocument?> FindCharacterAsync(Guid userId, CancellationToken cancellationToken)
    {
        var json = await db.AvatarCharacters.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Document)
            .FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : AvatarCharacterDocument.Parse(json).Document;
    }

    private async Task StoreCharacterAsync(Guid userId, AvatarCharacterDocument character, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.AvatarCharacters.FindAsync([userId], cancellationToken);
        if (row is null)
        {
            row = new AvatarCharacter { UserId = userId };
            db.AvatarCharacters.Add(row);
        }

        row.Document = character.ToJson();
        row.UpdatedAt = now;
    }

    /// <summary>
    /// One avatar change of a person at a time (two tabs, two devices, any node), each on the account as the previous
    /// one left it: the account row is read again inside the lock, so its version counts on and its concurrency stamp
    /// matches, and the last upload wins instead of the others failing on a concurrency conflict.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAvatarChangeAsync(AppUser user, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginSerializedAsync(SerializedScope.Avatar, user.Id, cancellationToken);
        await db.Entry(user).ReloadAsync(cancellationToken);
        return transaction;
    }

    /// <summary>
    /// A new concurrency stamp, as UserManager's updates make: the person's other sessions, on every node, then rebuild
    /// their claims on their next request (DatabaseTicketStore), so their profile menu shows the new avatar too.
    /// </summary>
    private static void NewAccountStamp(AppUser user) => user.ConcurrencyStamp = Guid.NewGuid().ToString();

    /// <summary>An upload the validator accepted (at most <see cref="MaxBytes"/>), in memory for the pipeline.</summary>
    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public string Describe(AvatarFailureReason reason) => Describe(reason, t);

    /// <summary>The message a person reads for each refusal; the engine's own text is only a diagnostic.</summary>
    public static string Describe(AvatarFailureReason reason, IStringLocalizer t) => reason switch
    {
        AvatarFailureReason.Empty => t["The file is empty. Choose an image."],
        AvatarFailureReason.TooLarge => t["The image is larger than 5 MB. Choose a smaller file."],
        AvatarFailureReason.UnsupportedFormat => t["This file is not a JPEG, PNG, WebP or GIF image."],
        AvatarFailureReason.TooManyPixels => t["The image is larger than 50 megapixels. Choose a smaller image."],
        AvatarFailureReason.CropOutOfBounds => t["The chosen square lies outside the image. Choose the area again."],
        _ => t["The image could not be read: it may be damaged or incomplete."],
    };
}
