using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>
/// Sends an identity provider's documented requests one by one; a step answering another status fails with the step's
/// name, the request and the answer's body, so a failing replay says which request broke and why.
/// </summary>
public sealed class ScimReplay(HttpClient client)
{
    public async Task<JsonObject?> StepAsync(string step, HttpMethod method, string url, HttpStatusCode expected, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/scim+json");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{step}: {method} {url} answered {(int)response.StatusCode} (expected {(int)expected}): {text}");
        if (response.StatusCode != HttpStatusCode.NoContent && response.StatusCode != HttpStatusCode.NotModified)
            Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        return text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject();
    }

    public Task<JsonObject?> GetAsync(string step, string url, HttpStatusCode expected = HttpStatusCode.OK)
        => StepAsync(step, HttpMethod.Get, url, expected);

    /// <summary>A list request with a filter, escaped as the provider sends it; returns the ListResponse.</summary>
    public async Task<JsonObject> FilterAsync(string step, string resource, string filter, string? more = null)
        => (await GetAsync(step, $"/scim/v2/{resource}?filter={Uri.EscapeDataString(filter)}{more}"))!;

    public static string ErrorType(JsonObject? error) => (string?)error?["scimType"] ?? "";
}
