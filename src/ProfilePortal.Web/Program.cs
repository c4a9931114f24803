using ProfilePortal.Web.Api;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Billing;
using ProfilePortal.Web.Features.Email;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Localization;
using ProfilePortal.Web.Features.Notifications;
using ProfilePortal.Web.Features.PageCache;
using ProfilePortal.Web.Features.Passkeys;
using ProfilePortal.Web.Features.People;
using ProfilePortal.Web.Features.PersonalData;
using ProfilePortal.Web.Features.Persistence;
using ProfilePortal.Web.Features.Presence;
using ProfilePortal.Web.Features.Preferences;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Provisioning;
using ProfilePortal.Web.Features.Reauthentication;
using ProfilePortal.Web.Features.Security;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Seeding;
using ProfilePortal.Web.Features.Sessions;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.Tokens;
using ProfilePortal.Web.Features.TwoFactor;
using ProfilePortal.Web.Features.Username;
using ProfilePortal.Web.Features.Validation;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalMemory();
builder.AddPortalLogging();
builder.AddPortalPersistence();
builder.AddPortalIdentity();
builder.AddThrottlingFeature();
builder.AddPortalEmail();
builder.AddPortalLocalization();
builder.AddPortalWeb();
builder.AddPortalValidation();
builder.AddProfileFeature();
builder.AddPreferencesFeature();
builder.AddAvatarsFeature();
builder.AddSecurityLogFeature();
builder.AddSessionsFeature();
builder.AddPageCacheFeature();
builder.AddSecurityFeature();
builder.AddReauthenticationFeature();
builder.AddTwoFactorFeature();
builder.AddUsernameFeature();
builder.AddTokensFeature();
builder.AddPasskeysFeature();
builder.AddPersonalDataFeature();
builder.AddAttributesFeature();
builder.AddPresenceFeature();
builder.AddNotificationsFeature();
builder.AddPortalApi();
builder.AddAdministrationFeature();
builder.AddProvisioningFeature();
builder.AddPeopleFeature();
builder.AddBillingFeature();
builder.AddPortalSeeding();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UsePortalPipeline();
app.MapPortalEndpoints();

await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
