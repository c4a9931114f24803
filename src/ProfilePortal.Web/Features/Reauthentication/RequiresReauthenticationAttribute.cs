using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace ProfilePortal.Web.Features.Reauthentication;

/// <summary>
/// Marks what asks for the password again when the session's last confirmation is stale (SPEC 2.4, "sudo mode"):
/// on a page model class, every handler that changes something (POST); on one handler method, that handler only.
/// Every page under /Admin carries it through a folder convention (ReauthenticationSetup). ReauthenticationFilter acts
/// on it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class RequiresReauthenticationAttribute : Attribute
{
    /// <summary>The one rule: whether this page's handler needs a recent confirmation (requests other than GET/HEAD only).</summary>
    public static bool AppliesTo(ActionDescriptor page, HandlerMethodDescriptor? handler, string httpMethod)
    {
        if (HttpMethods.IsGet(httpMethod) || HttpMethods.IsHead(httpMethod)) return false;
        return page.EndpointMetadata.OfType<RequiresReauthenticationAttribute>().Any()
               || page is CompiledPageActionDescriptor { HandlerTypeInfo: { } model } && model.IsDefined(typeof(RequiresReauthenticationAttribute), inherit: true)
               || handler?.MethodInfo.IsDefined(typeof(RequiresReauthenticationAttribute), inherit: true) == true;
    }
}
