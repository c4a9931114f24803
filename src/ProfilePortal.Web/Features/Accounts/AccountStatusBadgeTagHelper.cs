using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// &lt;account-status-badge status="..." /&gt;: the account status as people and admins see it everywhere (SPEC 2.1):
/// ACTIVE green, LOCKED amber, DISABLED grey. Other attributes (data-testid) are kept.
/// </summary>
[HtmlTargetElement("account-status-badge", Attributes = "status", TagStructure = TagStructure.WithoutEndTag)]
public sealed class AccountStatusBadgeTagHelper(IStringLocalizer<SharedResource> t) : TagHelper
{
    public AccountStatus Status { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("badge", HtmlEncoder.Default);
        output.AddClass(Status switch
        {
            AccountStatus.Active => "text-bg-success",
            AccountStatus.Locked => "text-bg-warning",
            _ => "text-bg-secondary",
        }, HtmlEncoder.Default);
        // Upper case in the page's language (Turkish "AKTİF"); scripts without case are unchanged.
        var text = Status switch
        {
            AccountStatus.Active => t["Active"],
            AccountStatus.Locked => t["Locked"],
            _ => t["Disabled"],
        };
        output.Content.SetContent(text.Value.ToUpper(CultureInfo.CurrentCulture));
    }
}
