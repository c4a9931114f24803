using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// &lt;account-status-badge status="..." /&gt;: the account status as people and admins see it everywhere (SPEC 2.1):
/// ACTIVE green, LOCKED amber, DISABLED grey. Other attributes (data-testid) are kept.
/// </summary>
[HtmlTargetElement("account-status-badge", Attributes = "status", TagStructure = TagStructure.WithoutEndTag)]
public sealed class AccountStatusBadgeTagHelper : TagHelper
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
        output.Content.SetContent(Status.ToString().ToUpperInvariant());
    }
}
