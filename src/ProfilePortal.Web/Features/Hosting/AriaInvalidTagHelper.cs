using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ProfilePortal.Web.Features.Hosting;

/// <summary>Marks a field with errors as aria-invalid, so screen readers announce it with its message.</summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class AriaInvalidTagHelper : FieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Errors is not null) output.Attributes.SetAttribute("aria-invalid", "true");
    }
}
