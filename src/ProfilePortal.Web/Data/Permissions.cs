namespace ProfilePortal.Web.Data;

/// <summary>Permissions are role claims of type <see cref="ClaimType"/>; policies check them on the server.</summary>
public static class Permissions
{
    public const string ClaimType = "permission";
    public const string UsersManage = "users.manage";
    public const string OrgManage = "org.manage";
    public const string BillingView = "billing.view";

    public static readonly IReadOnlyList<string> All = [UsersManage, OrgManage, BillingView];
}

/// <summary>The roles every installation has, with the permissions each grants.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string BillingAdmin = "Billing admin";
    public const string Member = "Member";

    public static readonly IReadOnlyList<(string Name, string Description, string[] Permissions)> Seeded =
    [
        (Administrator, "Manages people, organizations and billing.", [Permissions.UsersManage, Permissions.OrgManage, Permissions.BillingView]),
        (BillingAdmin, "Sees billing and usage.", [Permissions.BillingView]),
        (Member, "A regular account.", []),
    ];
}
