namespace ProfilePortal.Web.Features.Seeding;

/// <summary>The "Seed" section (SPEC 3): an administrator on an empty database, and optional demo data.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }

    /// <summary>Also create a demo organization, departments and about twenty people.</summary>
    public bool Demo { get; set; }

    /// <summary>Password of every demo person (so a reviewer can sign in as anyone); defaults to the admin password.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>
    /// Also create this many extra people (e.g. 100000 for the admin search benchmark), inserted in batches with one
    /// shared precomputed password hash (DemoPassword, or a random one when none is set). Idempotent: people
    /// already created count towards the number.
    /// </summary>
    public int DemoUsers { get; set; }
}
