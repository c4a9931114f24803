using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Presence;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Api;

/// <summary>
/// The token owner's activity status (SPEC 2.8): <c>status</c> is what they chose, <c>shownStatus</c> what others see
/// (Online turns to Away after 10 minutes without activity; Appear offline is shown as offline), both camelCase names.
/// </summary>
public sealed record StatusResponse(string Status, string ShownStatus, DateTime? LastActivityAt);

/// <summary>GET/PUT /api/v1/me/status.</summary>
public static class StatusEndpoints
{
    public const string PutName = "PutMyStatus";
    private const long PutBodyLimit = 4 * 1024;
    private const string Example = "{\"status\": \"busy\"}";

    public static RouteGroupBuilder MapStatus(this RouteGroupBuilder api)
    {
        api.MapGet("/me/status", GetAsync).RequireScope(TokenScopes.Read)
            .WithName("GetMyStatus").WithSummary("Your activity status")
            .WithDescription("Needs the read scope. status: what you chose; shownStatus: what others see (online, away, busy, doNotDisturb, offline); " +
                             "lastActivityAt: the latest request of any of your signed-in sessions (null when signed out everywhere).");
        api.MapPut("/me/status", PutAsync).RequireScope(TokenScopes.Write)
            .WithName(PutName).WithSummary("Set your activity status")
            .WithDescription($"Needs the write scope. Body: {{\"status\": \"busy\"}}, one of {string.Join(", ", PresenceText.Names)}. " +
                             "Recorded in your security log when it changes. Anything else is refused with 400 and nothing changes.")
            .WithMetadata(new RequestSizeLimitAttribute(PutBodyLimit));
        return api;
    }

    private static async Task<Results<Ok<StatusResponse>, NotFound>> GetAsync(HttpContext context, PresenceService presence, CancellationToken ct)
        => await presence.ReadAsync(UserId(context), ct) is { } current ? TypedResults.Ok(ToResponse(current)) : TypedResults.NotFound();

    private static async Task<Results<Ok<StatusResponse>, ValidationProblem, ProblemHttpResult, NotFound>> PutAsync(
        HttpContext context, PresenceService presence, IValidator<ActivityStatusInput> validator, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (body, problem) = await ApiJsonBody.ReadObjectAsync(context, t, Example, ct);
        if (problem is not null) return problem;

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, _) in body!)
        {
            if (name != "status") errors[name] = [t["'{0}' is not a field of the status. Send {1}.", name, Example]];
        }
        var input = new ActivityStatusInput();
        if (!body.TryGetPropertyValue("status", out var node))
        {
            errors["status"] = [t["'{0}' is required.", "status"]];
        }
        else if (node?.GetValueKind() != JsonValueKind.String)
        {
            errors["status"] = [t["'{0}' must be a string: one of {1}.", "status", string.Join(", ", PresenceText.Names)]];
        }
        else
        {
            input.Status = node.GetValue<string>();
        }

        if (errors.Count == 0) errors = (await validator.ValidateAsync(input, ct)).ToProblemErrors();
        if (errors.Count > 0 || !PresenceText.TryParse(input.Status, out var status))
        {
            return TypedResults.ValidationProblem(errors, title: t["The status was not changed."]);
        }

        var userId = UserId(context);
        if (await presence.SetAsync(userId, status, ct) == ActivityStatusChange.NoSuchPerson) return TypedResults.NotFound();
        return await presence.ReadAsync(userId, ct) is { } current ? TypedResults.Ok(ToResponse(current)) : TypedResults.NotFound();
    }

    private static StatusResponse ToResponse(Presence presence)
        => new(PresenceText.Name(presence.Chosen), PresenceText.Name(presence.Shown), presence.LastActivityAt);

    private static Guid UserId(HttpContext context) => Guid.Parse(context.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
