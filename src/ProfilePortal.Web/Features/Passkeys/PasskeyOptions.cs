namespace ProfilePortal.Web.Features.Passkeys;

/// <summary>The "Passkeys" section: the relying party passkeys are bound to (SPEC 2.4).</summary>
public sealed class PasskeyOptions
{
    public const string Section = "Passkeys";

    /// <summary>
    /// The relying party id (a registrable domain, e.g. <c>example.com</c> or <c>accounts.example.com</c>). Empty: the
    /// host of Portal:PublicBaseUrl, never the request's Host header. Passkeys created under one id do not work under
    /// another, so it must not change once people have passkeys.
    /// </summary>
    public string? ServerDomain { get; set; }
}
