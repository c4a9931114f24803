using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProfilePortal.Web.Features.Reauthentication;

public static class ReauthenticationSetup
{
    public static WebApplicationBuilder AddReauthenticationFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReauthenticationOptions>().Bind(builder.Configuration.GetSection(ReauthenticationOptions.Section))
            .Validate(o => o.ReauthenticationWindow > TimeSpan.Zero, "Security:ReauthenticationWindow must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<SessionConfirmation>();
        builder.Services.AddScoped<ReauthenticationFilter>();
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            // SPEC 2.4: every administrator action; a page added under /Admin later is covered without remembering to
            // (ReauthenticationTests enumerate the admin handlers and check them all).
            o.Conventions.AddFolderApplicationModelConvention("/Admin", page => page.EndpointMetadata.Add(new RequiresReauthenticationAttribute()));
            o.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(ReauthenticationFilter)));
        });
        return builder;
    }
}
