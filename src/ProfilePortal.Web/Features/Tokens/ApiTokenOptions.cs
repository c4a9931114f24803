namespace ProfilePortal.Web.Features.Tokens;

/// <summary>Settings of personal access tokens (section "Tokens").</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "Tokens";

    /// <summary>How far ahead an expiry date may be (SPEC 2.5: one year unless configured).</summary>
    public int MaxLifetimeDays { get; set; } = 365;

    /// <summary>Whether "never expires" may be chosen.</summary>
    public bool AllowNeverExpires { get; set; } = true;

    /// <summary>SPEC 2.5: at most 50 active tokens per person.</summary>
    public int MaxActivePerPerson { get; set; } = 50;

    /// <summary>"Last used" is written at most this often per token, never on every request.</summary>
    public TimeSpan LastUsedWriteInterval { get; set; } = TimeSpan.FromMinutes(1);
}
