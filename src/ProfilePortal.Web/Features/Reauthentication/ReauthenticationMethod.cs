namespace ProfilePortal.Web.Features.Reauthentication;

/// <summary>How a person confirmed who they are for a sensitive action (SPEC 2.4); kept in the security log's detail.</summary>
public enum ReauthenticationMethod
{
    Password,
    AuthenticatorCode,
    Passkey,
}

public static class ReauthenticationMethods
{
    /// <summary>The security log detail: a fixed word, never anything the person typed.</summary>
    public static string ToDetail(this ReauthenticationMethod method) => method switch
    {
        ReauthenticationMethod.AuthenticatorCode => "code",
        ReauthenticationMethod.Passkey => "passkey",
        _ => "password",
    };
}
