using FluentValidation;

namespace ProfilePortal.Web.Features.Validation;

public static class ValidationSetup
{
    /// <summary>
    /// Every validator of this assembly, found by scanning (IValidator&lt;T&gt; and its own type, scoped: some read
    /// scoped services). Handlers call them explicitly; there is no automatic validation.
    /// </summary>
    public static WebApplicationBuilder AddPortalValidation(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssemblyContaining(typeof(ValidationSetup));
        return builder;
    }
}
