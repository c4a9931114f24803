using Microsoft.Extensions.Localization;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using ProfilePortal.Web.Features.Throttling;

namespace ProfilePortal.Web.Api;

/// <summary>The JSON API under /api/v1 (SPEC 2.6): token authentication, scope policies, per-token rate limit, OpenAPI.</summary>
public static class ApiSetup
{
    public const string RateLimitPolicy = "api-per-token";

    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.RateLimit.PermitLimit >= 1 && o.RateLimit.Window > TimeSpan.Zero, "Api:RateLimit needs a PermitLimit of at least 1 and a positive Window.")
            .ValidateOnStart();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(ApiScopes.AddPolicies);
        builder.Services.AddSingleton<TokenLookup>();
        builder.Services.AddSingleton<MeAnswerCache>();
        builder.Services.AddProblemDetails();

        builder.Services.AddRateLimiter(options =>
        {
            // Partitioned by token, after authentication: one client's burst never uses up another's allowance.
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = Limits(context);
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.User.FindFirst(ApiScopes.TokenIdClaim)?.Value ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
            });
            options.OnRejected = async (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    RetryAfterHeader.Set(rejected.HttpContext.Response, retryAfter);
                }
                var limits = Limits(rejected.HttpContext);
                var t = rejected.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await ApiProblems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, t["Too many requests"],
                    t["This token may send {0} requests per {1} seconds. Wait and retry.", limits.PermitLimit, limits.Window.TotalSeconds]);
            };
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        });

        builder.Services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ProfilePortal API",
                    Version = "v1",
                    Description = "Your own profile and account, with a personal access token (Settings > API tokens). Guide: /docs/api",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "ppt_ personal access token",
                    Description = "Authorization: Bearer ppt_… (read scope for GET, write scope for PATCH).",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });
            // PATCH and PUT read their bodies themselves (to tell absent fields from null ones), so describe the bodies
            // here; declaring them with Accepts would turn other media types into a routing miss instead of our 415 problem.
            options.AddOperationTransformer((operation, context, _) =>
            {
                var endpointName = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
                if (endpointName == StatusEndpoints.PutName)
                {
                    var status = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Features.Presence.PresenceText.Names.Select(n => (System.Text.Json.Nodes.JsonNode)n!)] };
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new()
                            {
                                Schema = new OpenApiSchema
                                {
                                    Type = JsonSchemaType.Object,
                                    Required = new HashSet<string> { "status" },
                                    Properties = new Dictionary<string, IOpenApiSchema> { ["status"] = status },
                                },
                            },
                        },
                    };
                }
                if (endpointName == "PatchMe")
                {
                    var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Any of firstName, lastName, title, phone, address, bio, timeZoneId: a string, or null to clear an optional field." };
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = schema },
                            ["application/merge-patch+json"] = new() { Schema = schema },
                        },
                    };
                }
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>The validated Api:RateLimit settings (the same options /docs/api shows).</summary>
    private static ApiOptions.RateLimitOptions Limits(HttpContext context)
        => context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.RateLimit;

    public static WebApplication MapPortalApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicy).WithTags("Me");
        api.MapMe();
        api.MapStatus();
        // Unknown API routes answer in the API's own language, not with the HTML error page; like every route under
        // /api they need a token (401 without one), never the browser's cookie.
        app.MapFallback("/api/{**path}", (HttpContext context, IStringLocalizer<SharedResource> t) =>
            TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: t["Not found"], detail: t["No API endpoint at {0}.", context.Request.Path]))
            .RequireAuthorization(ApiScopes.TokenPolicy).ExcludeFromDescription();
        // Public on purpose, like the guide at /docs/api: it describes the API and holds no one's data.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
