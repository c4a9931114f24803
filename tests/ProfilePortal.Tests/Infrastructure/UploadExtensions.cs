using System.Net.Http.Headers;

namespace ProfilePortal.Tests.Infrastructure;

public static class UploadExtensions
{
    /// <summary>Posts the page's multipart form as a browser would: its fields, its antiforgery token, and one file.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, string fileField, byte[]? file, string fileName, string contentType, IDictionary<string, string>? fields = null, string? handler = null)
    {
        var page = await client.GetPageAsync(url);
        var form = page.Form(fileField);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlPage.FieldsOf(form).Where(f => f.Key != fileField))
        {
            if (fields is null || !fields.ContainsKey(name)) content.Add(new StringContent(value), name);
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) content.Add(new StringContent(value), name);
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(part, fileField, fileName);
        }

        return await client.PostAsync(url + (handler is null ? "" : "?handler=" + handler), content);
    }
}
