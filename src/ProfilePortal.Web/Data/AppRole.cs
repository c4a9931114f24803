using Microsoft.AspNetCore.Identity;

namespace ProfilePortal.Web.Data;

/// <summary>A role; what it allows is stored as <see cref="Permissions"/> role claims.</summary>
public class AppRole : IdentityRole<Guid>
{
    public AppRole() { }

    public AppRole(string name) : base(name) { }

    public string Description { get; set; } = "";
}
