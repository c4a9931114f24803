using System.Net.Http.Headers;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>One file part of a multipart upload.</summary>
public sealed record UploadedFile(string Field, byte[] Data, string FileName, string ContentType);

public static class UploadExtensions
{
    /// <summary>Posts the page's multipart form as a browser would: its fields, its antiforgery token, and one file.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, string fileField, byte[]? file, string fileName, string contentType, IDictionary<string, string>? fields = null, string? handler = null)
        => client.UploadAsync(url, fileField, file is null ? [] : [new UploadedFile(fileField, file, fileName, contentType)], fields, handler);

    /// <summary>
    /// Posts the form holding <paramref name="formField"/> with <paramref name="files"/> (the avatar creator sends two),
    /// the form's other fields, its antiforgery token and <paramref name="fields"/> (added or replacing the form's).
    /// </summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, string formField, IReadOnlyList<UploadedFile> files, IDictionary<string, string>? fields = null, string? handler = null)
    {
        var page = await client.GetPageAsync(url);
        var form = page.Form(formField);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlPage.FieldsOf(form).Where(f => f.Key != formField && files.All(file => file.Field != f.Key)))
        {
            if (fields is null || !fields.ContainsKey(name)) content.Add(new StringContent(value), name);
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) content.Add(new StringContent(value), name);
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Data);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.Field, file.FileName);
        }

        return await client.PostAsync(url + (handler is null ? "" : "?handler=" + handler), content);
    }
}
