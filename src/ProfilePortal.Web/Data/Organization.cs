namespace ProfilePortal.Web.Data;

public class Organization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Logo image bytes (already re-encoded), kept in the database so app instances need no shared disk.</summary>
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    public int LogoVersion { get; set; }

    public DateTime CreatedAt { get; set; }
    public List<Department> Departments { get; } = [];
}
