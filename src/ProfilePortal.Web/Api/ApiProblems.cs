namespace ProfilePortal.Web.Api;

/// <summary>RFC 7807 problem bodies for answers the API gives outside an endpoint (401, 403, 404, 429).</summary>
public static class ApiProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
        => TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}
