namespace ProfilePortal.Web.Data;

/// <summary>
/// The choices behind a person's 3D avatar character (SPEC 2.8b): a small versioned JSON document, validated on the
/// server before it is stored (Features/Avatars/AvatarCharacterDocument), so "Edit my character" reopens it as it was.
/// Kept apart from the account row, which is read on every request, and kept when the avatar becomes a photo again.
/// </summary>
public class AvatarCharacter
{
    public Guid UserId { get; set; }

    /// <summary>The canonical JSON document (its own "version" field says which schema it follows).</summary>
    public string Document { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}
