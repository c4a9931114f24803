using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ProfilePortal.Web.Features.Hosting;

/// <summary>
/// &lt;field-errors asp-for="Input.X" /&gt;: every error of a field, under the field, with the id its input's
/// aria-describedby names ("Input_X_error"). Unlike asp-validation-for it shows all errors, not only the first.
/// </summary>
[HtmlTargetElement("field-errors", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorsTagHelper : FieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = FieldName;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", TagBuilder.CreateSanitizedId(name, "_") + "_error");
        output.Attributes.SetAttribute("class", "invalid-feedback d-block");
        output.Attributes.SetAttribute("data-valmsg-for", name);

        var errors = Errors;
        if (errors is null) return;
        if (errors.Count == 1)
        {
            output.Content.SetContent(errors[0].ErrorMessage);
            return;
        }

        var list = new TagBuilder("ul");
        list.AddCssClass("mb-0 ps-3");
        foreach (var error in errors)
        {
            var item = new TagBuilder("li");
            item.InnerHtml.Append(error.ErrorMessage);
            list.InnerHtml.AppendHtml(item);
        }

        output.Content.SetHtmlContent(list);
    }
}
