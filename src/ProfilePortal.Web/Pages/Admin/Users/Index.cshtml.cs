using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Presence;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>The people list: a GET form (bookmarkable URL) with search, filters, sort and paging.</summary>
public class IndexModel(UserSearchService search, PresenceService presence, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Term { get; set; }

    [BindProperty(SupportsGet = true)]
    public UserStatusFilter Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public Guid? RoleId { get; set; }

    [BindProperty(SupportsGet = true, Name = "department")]
    public Guid? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public UserSort Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? StatusMessage { get; set; }

    public UserSearchResult Result { get; private set; } = null!;
    public IReadOnlyList<AppRole> Roles { get; private set; } = [];

    /// <summary>Each listed person's status dot, read for the whole page at once.</summary>
    public IReadOnlyDictionary<Guid, ShownStatus> Statuses { get; private set; } = new Dictionary<Guid, ShownStatus>();
    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A value the form never offers (an edited URL) is ignored rather than failing the page.
        if (!Enum.IsDefined(Status)) Status = UserStatusFilter.Any;
        if (!Enum.IsDefined(Sort)) Sort = UserSort.Name;
        Result = await search.SearchAsync(new UserSearchQuery(Term, Status, RoleId, DepartmentId, Sort, PageNumber), cancellationToken);
        Statuses = await presence.ShownStatusesAsync(Result.Rows.Select(r => r.Id).ToList(), cancellationToken);
        Roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        Departments = await db.Departments.AsNoTracking().Include(d => d.Organization)
            .OrderBy(d => d.Organization!.Name).ThenBy(d => d.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The current query with another page number, for the paging links.</summary>
    public Dictionary<string, string> RouteFor(int pageNumber)
    {
        var values = new Dictionary<string, string> { ["pageNumber"] = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrWhiteSpace(Term)) values["q"] = Term;
        if (Status != UserStatusFilter.Any) values["status"] = Status.ToString();
        if (RoleId is { } role) values["role"] = role.ToString();
        if (DepartmentId is { } department) values["department"] = department.ToString();
        if (Sort != UserSort.Name) values["sort"] = Sort.ToString();
        return values;
    }
}
