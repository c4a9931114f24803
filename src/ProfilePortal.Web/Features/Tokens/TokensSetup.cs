namespace ProfilePortal.Web.Features.Tokens;

public static class TokensSetup
{
    public static WebApplicationBuilder AddTokensFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiTokenOptions>().Bind(builder.Configuration.GetSection(ApiTokenOptions.Section))
            .Validate(o => o.MaxLifetimeDays >= 1 && o.MaxActivePerPerson >= 1 && o.LastUsedWriteInterval >= TimeSpan.Zero,
                "Tokens: MaxLifetimeDays and MaxActivePerPerson must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddScoped<TokenService>();
        builder.Services.AddSingleton<TokenExpiry>();
        return builder;
    }
}
