using FluentValidation;

namespace ProfilePortal.Web.Features.Validation;

public static class ValidationSetup
{
    /// <summary>
    /// Every validator of this assembly, found by scanning (IValidator&lt;T&gt; and its own type). Handlers call them
    /// explicitly; there is no automatic validation. Singletons: building one compiles its rules, which cost a scoped
    /// validator about a tenth of a page's allocations on every request that merely injected it. So a validator takes
    /// only singleton services and localizes lazily (<c>WithMessage(_ =&gt; t[...])</c>, failures added while
    /// validating), so each message is in the culture of the request that is validated (ValidatorLifetimeTests).
    /// </summary>
    public static WebApplicationBuilder AddPortalValidation(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssemblyContaining(typeof(ValidationSetup), ServiceLifetime.Singleton);
        return builder;
    }
}
