using Microsoft.AspNetCore.Mvc.RazorPages;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Billing;

public static class BillingSetup
{
    /// <summary>"Billing &amp; usage" (/Billing) is for people holding billing.view, checked on the server for every handler.</summary>
    public static WebApplicationBuilder AddBillingFeature(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Billing", Permissions.BillingView));
        return builder;
    }
}
