namespace ProfilePortal.Web.Features.PersonalData;

public static class PersonalDataSetup
{
    public static WebApplicationBuilder AddPersonalDataFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountDeletionOptions>().Bind(builder.Configuration.GetSection(AccountDeletionOptions.Section))
            .Validate(o => Enum.IsDefined(o.Deletion), "Accounts:Deletion must be Immediate or AdminApproval.")
            .ValidateOnStart();
        builder.Services.AddScoped<DataExportService>();
        builder.Services.AddScoped<AccountDeletionService>();
        return builder;
    }
}
