namespace ProfilePortal.Web.Features.Attributes;

public static class AttributesSetup
{
    public static WebApplicationBuilder AddAttributesFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountAttributeService>();
        builder.Services.AddScoped<AttributeText>();
        return builder;
    }
}
