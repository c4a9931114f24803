using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProfilePortal.Web.Features.People;

namespace ProfilePortal.Web.Pages.People;

/// <summary>The People directory (SPEC 2.8a): a GET form (bookmarkable URL) with a name search, a department filter and paging.</summary>
public class IndexModel(PeopleDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Term { get; set; }

    [BindProperty(SupportsGet = true, Name = "department")]
    public Guid? DepartmentId { get; set; }

    /// <summary>Another organization than one's own; only administrators are offered (and given) the choice.</summary>
    [BindProperty(SupportsGet = true, Name = "organization")]
    public Guid? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public PeopleListing Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var viewer = PeopleViewer.Of(User)!;
        Result = await directory.SearchAsync(viewer, new PeopleQuery(Term, DepartmentId, OrganizationId, PageNumber), cancellationToken);
    }

    /// <summary>The current query with another page number, for the paging links.</summary>
    public Dictionary<string, string> RouteFor(int pageNumber)
    {
        var values = new Dictionary<string, string> { ["pageNumber"] = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrWhiteSpace(Term)) values["q"] = Term;
        if (DepartmentId is { } department) values["department"] = department.ToString();
        if (OrganizationId is { } organization) values["organization"] = organization.ToString();
        return values;
    }
}
