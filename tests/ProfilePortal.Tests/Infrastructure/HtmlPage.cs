using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>A page as a person sees it: its text, its forms, the message under each field.</summary>
public sealed class HtmlPage(IDocument document, HttpResponseMessage response)
{
    public IDocument Document { get; } = document;
    public HttpResponseMessage Response { get; } = response;
    public HttpStatusCode Status => Response.StatusCode;

    public static async Task<HtmlPage> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(req => req.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
        return new HtmlPage(document, response);
    }

    /// <summary>The validation message shown under a field, e.g. FieldError("Input.FirstName").</summary>
    public string FieldError(string field)
        => Document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public string FormError => string.Join(" ", Document.QuerySelectorAll("[data-testid='form-error'] p").Select(p => p.TextContent.Trim()));

    public string StatusMessage => Document.QuerySelector("[data-testid='status-message']")?.TextContent.Trim() ?? "";

    public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? "";

    public string? Value(string name)
    {
        var element = Document.QuerySelector($"[name='{name}']");
        return element switch
        {
            IHtmlTextAreaElement area => area.Value,
            IHtmlSelectElement select => select.Value,
            IHtmlInputElement input => input.Value,
            _ => null,
        };
    }

    /// <summary>The form that holds the given field (or the first form), with every value a browser would send.</summary>
    public IHtmlFormElement Form(string? containing = null)
    {
        var forms = Document.Forms.ToList();
        var form = containing is null ? forms.FirstOrDefault()
            : forms.FirstOrDefault(f => f.QuerySelector($"[name='{containing}']") is not null);
        return form ?? throw new InvalidOperationException($"No form with field '{containing}' on {Document.Url}:\n{Document.Body?.TextContent}");
    }

    /// <summary>The form whose action is <paramref name="url"/> (or that has no action, posting to the page itself).</summary>
    public IHtmlFormElement FormPostingTo(string url)
        => Document.Forms.FirstOrDefault(f => string.Equals(f.GetAttribute("action") ?? url, url, StringComparison.OrdinalIgnoreCase))
           ?? Form();

    /// <summary>The first form of the page's own content (the layout's sign-out form comes before it).</summary>
    public IHtmlFormElement MainForm()
        => Document.QuerySelector("main form") as IHtmlFormElement
           ?? throw new InvalidOperationException($"No form in main on {Document.Url}");

    /// <summary>The form posting to the named page handler (asp-page-handler).</summary>
    public IHtmlFormElement FormWithHandler(string handler)
        => Document.Forms.FirstOrDefault(f => f.GetAttribute("action")?.Contains("handler=" + handler, StringComparison.OrdinalIgnoreCase) == true)
           ?? throw new InvalidOperationException($"No form for handler '{handler}' on {Document.Url}");

    /// <summary>The antiforgery token the page's forms carry.</summary>
    public string AntiforgeryToken
        => Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
           ?? throw new InvalidOperationException("No antiforgery token on " + Document.Url);

    public static Dictionary<string, string> FieldsOf(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked && !string.IsNullOrEmpty(box.Name)) fields[box.Name] = box.Value;
                    break;
                case IHtmlInputElement { Type: "submit" or "button" }:
                    break;
                case IHtmlInputElement { Type: "hidden" } hidden when !string.IsNullOrEmpty(hidden.Name):
                    // A checkbox's hidden "false" companion comes after it; model binding takes the first value.
                    fields.TryAdd(hidden.Name, hidden.Value);
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields[input.Name] = input.Value;
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields[area.Name] = area.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields[select.Name] = select.Value ?? "";
                    break;
            }
        }

        return fields;
    }
}
