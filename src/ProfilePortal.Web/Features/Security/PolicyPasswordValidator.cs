using Microsoft.AspNetCore.Identity;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Security;

/// <summary>Identity's password validator, replaced by the configurable policy (one error per unmet rule).</summary>
public sealed class PolicyPasswordValidator(PasswordRules rules) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var unmet = rules.Unmet(password ?? "");
        return Task.FromResult(unmet.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(unmet.Select(r => new IdentityError { Code = r.Code, Description = r.Description }).ToArray()));
    }
}
