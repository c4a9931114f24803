using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>/scim/v2/Users (RFC 7644 3.3 create, 3.4 get and list, 3.5 PUT and PATCH, 3.6 DELETE).</summary>
public static class ScimUserEndpoints
{
    public static RouteGroupBuilder MapScimUsers(this RouteGroupBuilder scim)
    {
        var users = scim.MapGroup("/Users");
        users.MapGet("", ListAsync);
        users.MapPost("", CreateAsync);
        users.MapGet("/{id}", GetAsync);
        users.MapPut("/{id}", ReplaceAsync);
        users.MapPatch("/{id}", PatchAsync);
        users.MapDelete("/{id}", DeleteAsync);
        return scim;
    }

    public static IServiceCollection AddScimUsers(this IServiceCollection services)
        => services.AddScoped<ScimUserService>().AddScoped<ScimUserMapper>().AddScoped<ScimUserPatch>();

    private static async Task<IResult> ListAsync(HttpContext context, ScimUserService service, ScimUserMapper mapper, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        if (!ScimLists.TryReadPaging(context.Request, t, out var startIndex, out var count, out var pagingError)) return pagingError!;
        ScimFilter? filter = null;
        var text = context.Request.Query["filter"].ToString();
        if (!string.IsNullOrWhiteSpace(text) && !ScimFilter.TryParse(text, out filter, out var error))
            return ScimErrors.Result(StatusCodes.Status400BadRequest, error, ScimErrorType.InvalidFilter);

        var (page, total, listError) = await service.ListAsync(filter, startIndex, count, ct);
        if (listError is not null) return listError;
        var resources = page.Select(row => ScimLists.Project(mapper.ToResource(row), context.Request)).ToList();
        return new ScimJsonResult(ScimLists.ListResponse(resources, total, startIndex));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ScimUserService service, ScimUserMapper mapper, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var row = Guid.TryParse(id, out var userId) ? await service.FindAsync(userId, ct) : null;
        if (row is null) return NotFound(t);
        var resource = mapper.ToResource(row);
        var etag = (string)resource["meta"]!["version"]!;
        if (ScimVersion.IfNoneMatchHits(context.Request, etag))
        {
            context.Response.Headers.ETag = etag;
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return new ScimJsonResult(ScimLists.Project(resource, context.Request), etag: etag);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ClaimsPrincipal principal, ScimUserService service, ScimUserMapper mapper, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (body, bodyError) = await ScimRequestBody.ReadObjectAsync(context, t, ct);
        if (bodyError is not null) return bodyError;
        var (input, inputError) = mapper.Read(body!, requireSchemas: true);
        if (inputError is not null) return inputError;

        var outcome = await service.CreateAsync(principal.ProvisioningActor(), input!, ct);
        if (outcome.Error is not null) return outcome.Error;
        var resource = mapper.ToResource(outcome.User!);
        return new ScimJsonResult(resource, StatusCodes.Status201Created, (string)resource["meta"]!["version"]!, mapper.Location(outcome.User!.Id));
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpContext context, ClaimsPrincipal principal, ScimUserService service, ScimUserMapper mapper, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (current, currentError) = await CurrentAsync(id, context, service, mapper, t, ct);
        if (currentError is not null) return currentError;
        var (body, bodyError) = await ScimRequestBody.ReadObjectAsync(context, t, ct);
        if (bodyError is not null) return bodyError;
        var (input, inputError) = mapper.Read(body!, requireSchemas: true);
        if (inputError is not null) return inputError;
        return Answer(await service.UpdateAsync(principal.ProvisioningActor(), current!.Id, input!, "PUT", ct), mapper);
    }

    private static async Task<IResult> PatchAsync(string id, HttpContext context, ClaimsPrincipal principal, ScimUserService service, ScimUserMapper mapper, ScimUserPatch patch, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (current, currentError) = await CurrentAsync(id, context, service, mapper, t, ct);
        if (currentError is not null) return currentError;
        var (body, bodyError) = await ScimRequestBody.ReadObjectAsync(context, t, ct);
        if (bodyError is not null) return bodyError;

        // The operations are applied to the resource as it is; the result is saved like a PUT (all or nothing).
        var resource = mapper.ToResource(current!);
        var (paths, patchError) = patch.Apply(resource, body!);
        if (patchError is not null) return patchError;
        var (input, inputError) = mapper.Read(resource, requireSchemas: false);
        if (inputError is not null) return inputError;
        return Answer(await service.UpdateAsync(principal.ProvisioningActor(), current!.Id, input!, "PATCH " + string.Join(", ", paths.Distinct()), ct), mapper);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ClaimsPrincipal principal, ScimUserService service, ScimUserMapper mapper, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (current, currentError) = await CurrentAsync(id, context, service, mapper, t, ct);
        if (currentError is not null) return currentError;
        return await service.DeleteAsync(principal.ProvisioningActor(), current!.Id, ct) ?? Results.NoContent();
    }

    /// <summary>The person named by the route, after If-Match (RFC 7644 3.14: a stale version answers 412).</summary>
    private static async Task<(ScimUserRow? Row, IResult? Error)> CurrentAsync(string id, HttpContext context, ScimUserService service, ScimUserMapper mapper, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var row = Guid.TryParse(id, out var userId) ? await service.FindAsync(userId, ct) : null;
        if (row is null) return (null, NotFound(t));
        var etag = (string)mapper.ToResource(row)["meta"]!["version"]!;
        if (ScimVersion.IfMatchFails(context.Request, etag))
            return (null, ScimErrors.Result(StatusCodes.Status412PreconditionFailed, t["The user changed since you read it (If-Match does not match)."]));
        return (row, null);
    }

    private static IResult Answer(ScimUserOutcome outcome, ScimUserMapper mapper)
    {
        if (outcome.Error is not null) return outcome.Error;
        var resource = mapper.ToResource(outcome.User!);
        return new ScimJsonResult(resource, etag: (string)resource["meta"]!["version"]!);
    }

    private static IResult NotFound(IStringLocalizer t) => ScimErrors.Result(StatusCodes.Status404NotFound, t["No user with this id."]);
}
