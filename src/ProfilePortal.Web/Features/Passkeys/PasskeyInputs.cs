namespace ProfilePortal.Web.Features.Passkeys;

/// <summary>A new passkey: the name the person gives it and the browser's answer to navigator.credentials.create().</summary>
public sealed class AddPasskeyInput
{
    public string? Name { get; set; }

    /// <summary>PublicKeyCredential.toJSON() of the new credential, posted in a hidden field by passkeys.js.</summary>
    public string? Credential { get; set; }
}

/// <summary>A new name for one of the person's passkeys, named by its credential id (base64url).</summary>
public sealed class RenamePasskeyInput
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}
