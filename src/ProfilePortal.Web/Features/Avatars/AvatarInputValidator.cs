using FluentValidation;
using Microsoft.Extensions.Localization;
using ProfilePortal.Imaging;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// What is checked before the image is read: a file, at most 5 MB, and a crop square given whole or not at all; from
/// the avatar creator also a valid character document and its full-body image (a full-body image alone is refused).
/// </summary>
public sealed class AvatarInputValidator : AbstractValidator<AvatarInput>
{
    public AvatarInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.File).Custom((file, context) =>
        {
            if (!CheckUpload(file, context, t)) return;
            var input = context.InstanceToValidate;
            if ((input.CropX is not null || input.CropY is not null || input.CropSize is not null) && input.Crop is null)
                context.AddFailure(AvatarService.Describe(AvatarFailureReason.CropOutOfBounds, t));
        });

        RuleFor(x => x.Character).Custom((json, context) =>
        {
            if (json is not null && AvatarCharacterDocument.Parse(json).Error is { } error)
                context.AddFailure(AvatarCharacterDocument.Describe(error, t));
        });

        RuleFor(x => x.FullBody).Custom((file, context) =>
        {
            var fromCreator = context.InstanceToValidate.Character is not null;
            if (!fromCreator && file is not null)
                context.AddFailure(t["A full-body image is only accepted together with a character from the avatar creator."]);
            if (fromCreator && file is null)
                context.AddFailure(t["The character's full-body image is missing. Open the avatar creator and set the avatar again."]);
            if (fromCreator && file?.Length > AvatarService.MaxBytes)
                context.AddFailure(AvatarService.Describe(AvatarFailureReason.TooLarge, t));
        });
    }

    /// <summary>The rule of every image upload (avatars, organization logos); false when it added a failure.</summary>
    public static bool CheckUpload<T>(IFormFile? file, ValidationContext<T> context, IStringLocalizer t)
    {
        if (file is null)
            context.AddFailure(t["Choose an image to upload."]);
        else if (file.Length > AvatarService.MaxBytes)
            context.AddFailure(AvatarService.Describe(AvatarFailureReason.TooLarge, t));
        else
            return true;
        return false;
    }
}
