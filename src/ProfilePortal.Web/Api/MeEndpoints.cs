using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Api;

/// <summary>
/// The profile and read-only account data of the token's owner (SPEC 2.6). Attributes: the values of the account
/// attributes shown on the person's profile, by key, in their stored form ("true"/"false", "yyyy-MM-dd", text).
/// </summary>
public sealed record MeResponse(
    Guid Id,
    string UserName,
    string Email,
    bool EmailVerified,
    string FirstName,
    string LastName,
    string? Title,
    string? Phone,
    string? Address,
    string? Bio,
    string TimeZoneId,
    int ProfileVersion,
    string Status,
    DateTime? LockedUntil,
    IReadOnlyList<string> Roles,
    string? Department,
    string? Organization,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    DateTime? LastPasswordChangeAt,
    string AvatarUrl,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>GET/PATCH /api/v1/me, GET /api/v1/me/avatar and GET /api/v1/me/avatar/character.</summary>
public static class MeEndpoints
{
    /// <summary>The JSON names PATCH accepts, each mapped to the Profile page's field of the same meaning.</summary>
    private static readonly Dictionary<string, Action<ProfileInput, string?>> Writable = new(StringComparer.Ordinal)
    {
        ["firstName"] = (i, v) => i.FirstName = v,
        ["lastName"] = (i, v) => i.LastName = v,
        ["title"] = (i, v) => i.Title = v,
        ["phone"] = (i, v) => i.Phone = v,
        ["address"] = (i, v) => i.Address = v,
        ["bio"] = (i, v) => i.Bio = v,
        ["timeZoneId"] = (i, v) => i.TimeZoneId = v,
    };

    private const long PatchBodyLimit = 64 * 1024;

    public static RouteGroupBuilder MapMe(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetAsync).RequireScope(TokenScopes.Read)
            .WithName("GetMe").WithSummary("Your profile and account").WithDescription("Needs the read scope.")
            .Produces<MeResponse>(StatusCodes.Status200OK, "application/json").Produces(StatusCodes.Status404NotFound);
        api.MapPatch("/me", PatchAsync).RequireScope(TokenScopes.Write)
            .WithName("PatchMe").WithSummary("Change your profile")
            .WithDescription("Needs the write scope. A JSON merge patch: the fields sent are changed, the others kept; null clears an optional field. " +
                             "Send If-Match with the ETag of a GET to refuse the change (412) when the profile changed meanwhile.")
            .WithMetadata(new RequestSizeLimitAttribute(PatchBodyLimit));
        api.MapGet("/me/avatar", AvatarAsync).RequireScope(TokenScopes.Read)
            .WithName("GetMyAvatar").WithSummary("Your avatar").WithDescription("Needs the read scope. WebP when uploaded, otherwise an SVG of the initials; size 512 (default) or 128.")
            .Produces(StatusCodes.Status200OK, contentType: "image/webp");
        api.MapGet("/me/avatar/character", CharacterAsync).RequireScope(TokenScopes.Read)
            .WithName("GetMyAvatarCharacter").WithSummary("Your avatar character")
            .WithDescription("Needs the read scope. The avatar creator's choices as a character document (version 1, canonical JSON: " +
                             "one object per group, one member per field), kept when a photo later replaced the character; 404 when you never made one.")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// The answer cached at the data versions the token lookup read in this request, or a new one kept for the next
    /// request (MeAnswerCache): reading a person is two queries, comparing two numbers is none.
    /// </summary>
    private static async Task<IResult> GetAsync(HttpContext context, MeAnswerCache answers, IOptions<HttpJsonOptions> json, CancellationToken ct)
    {
        var userId = UserId(context);
        // The readers are resolved only when a read is due: building them leases a DbContext and a UserManager, which
        // an answer from the cache does not need.
        var services = context.RequestServices;
        // Set by the token lookup; a request authenticated otherwise reads the person without the cache.
        if (context.Features.Get<DataVersionStamp>() is not { } versions)
        {
            return await ReadAsync(userId, context, services.GetRequiredService<ProfileService>(), services.GetRequiredService<AccountAttributeService>(), ct);
        }

        if (answers.Find(userId, versions) is not { } answer)
        {
            if (await LoadAsync(userId, services.GetRequiredService<ProfileService>(), services.GetRequiredService<AccountAttributeService>(), ct) is not { } response)
            {
                return TypedResults.NotFound();
            }

            answer = new MeAnswerCache.Answer(versions, JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions), response.ProfileVersion);
            answers.Keep(userId, answer);
        }

        context.Response.Headers.ETag = ETag(answer.ProfileVersion);
        return TypedResults.Bytes(answer.Json, "application/json; charset=utf-8");
    }

    /// <summary>What GET /me answers for a person, read without the cache; public so bench/ApiBench can serve the same work without a token.</summary>
    public static async Task<Results<Ok<MeResponse>, NotFound>> ReadAsync(Guid userId, HttpContext context, ProfileService profiles, AccountAttributeService attributes, CancellationToken ct)
    {
        if (await LoadAsync(userId, profiles, attributes, ct) is not { } response) return TypedResults.NotFound();
        context.Response.Headers.ETag = ETag(response.ProfileVersion);
        return TypedResults.Ok(response);
    }

    private static async Task<MeResponse?> LoadAsync(Guid userId, ProfileService profiles, AccountAttributeService attributes, CancellationToken ct)
        => await profiles.LoadAsync(userId, ct) is var (user, account)
            ? ToResponse(user, account, await attributes.ValuesByKeyAsync(userId, shownToPersonOnly: true, ct))
            : null;

    private static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult, NotFound>> PatchAsync(
        HttpContext context, UserManager<AppUser> users, ProfileService profiles, AccountAttributeService attributes, IValidator<ProfileInput> validator,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(UserId(context).ToString());
        if (user is null) return TypedResults.NotFound();

        var (patch, problem) = await ApiJsonBody.ReadObjectAsync(context, t, "{\"title\": \"Engineer\"}", ct, "application/merge-patch+json");
        if (problem is not null) return problem;

        var input = ProfileService.ToInput(user);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, node) in patch!)
        {
            if (!Writable.TryGetValue(name, out var set))
            {
                errors[name] = [t["'{0}' cannot be changed here. Writable fields: {1}.", name, string.Join(", ", Writable.Keys)]];
            }
            else if (node is null)
            {
                set(input, null);
            }
            else if (node.GetValueKind() == JsonValueKind.String)
            {
                set(input, node.GetValue<string>());
            }
            else
            {
                errors[name] = [t["'{0}' must be a string or null.", name]];
            }
        }

        if (errors.Count == 0) errors = (await validator.ValidateAsync(input, ct)).ToProblemErrors();

        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: t["The profile was not changed."]);

        if (context.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch != "*" && ifMatch != ETag(user.ProfileVersion))
        {
            return PreconditionFailed(user.ProfileVersion, t);
        }

        if (patch.Count > 0)
        {
            if (await profiles.SaveAsync(user, input) == ProfileSaveResult.Conflict) return PreconditionFailed(user.ProfileVersion, t);
        }

        context.Response.Headers.ETag = ETag(user.ProfileVersion);
        return TypedResults.Ok(ToResponse(user, await profiles.GetAccountSummaryAsync(user, ct), await attributes.ValuesByKeyAsync(user.Id, shownToPersonOnly: true, ct)));
    }

    private static async Task<IResult> CharacterAsync(HttpContext context, AvatarService avatars, IStringLocalizer<SharedResource> t, CancellationToken ct)
        => await avatars.FindCharacterAsync(UserId(context), ct) is { } character
            ? Results.Text(character.ToJson(), "application/json", System.Text.Encoding.UTF8)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: t["Not found"], detail: t["You have not made an avatar character yet."]);

    private static async Task<IResult> AvatarAsync(HttpContext context, AppDbContext db, int? size, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        if (size is { } s && !AvatarEndpoint.Sizes.Contains(s))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["size"] = [t["size must be one of {0}.", string.Join(", ", AvatarEndpoint.Sizes)]] });
        }
        return await AvatarEndpoint.ServeAsync(UserId(context), size ?? AvatarEndpoint.Sizes[0], null, context, db, ct);
    }

    private static MeResponse ToResponse(AppUser user, AccountSummary account, IReadOnlyDictionary<string, string> attributes)
        => new(
            user.Id, account.UserName, account.Email, account.EmailVerified,
            user.FirstName, user.LastName, user.Title, user.PhoneNumber, user.Address, user.Bio, user.TimeZoneId, user.ProfileVersion,
            account.Status.ToString().ToLowerInvariant(), account.LockedUntilUtc, account.Roles, account.Department, account.Organization,
            account.CreatedAt, account.LastSignInAt, account.LastPasswordChangeAt, "/api/v1/me/avatar", attributes);

    private static ProblemHttpResult PreconditionFailed(int currentVersion, IStringLocalizer<SharedResource> t) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed, title: t["The profile changed meanwhile"],
        detail: t["The profile is at version {0} ({1}); GET it again and resend your change.", currentVersion, ETag(currentVersion)]);

    private static string ETag(int profileVersion) => $"\"{profileVersion}\"";

    private static Guid UserId(HttpContext context)
        => Guid.Parse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
}
