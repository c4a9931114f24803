namespace ProfilePortal.Web.Data;

/// <summary>
/// A person's uploaded avatar, re-encoded by the image pipeline: square WebP at 512 and 128 pixels. Kept in the
/// database so several app instances need no shared disk.
/// </summary>
public class UserAvatar
{
    public Guid UserId { get; set; }
    public byte[] Image512 { get; set; } = [];
    public byte[] Image128 { get; set; } = [];
    public string ContentType { get; set; } = "image/webp";

    /// <summary>The character's full-body image (WebP, re-encoded like the portrait) when the avatar is a character; otherwise null.</summary>
    public byte[]? FullBody { get; set; }

    /// <summary>Equals AppUser.AvatarVersion when written; in the URL and the ETag.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}
