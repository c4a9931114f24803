namespace ProfilePortal.Web.Data;

public class Department
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
}
