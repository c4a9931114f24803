namespace ProfilePortal.Web.Data;

/// <summary>One ASP.NET Core Data Protection key, shared by every app instance through the database.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
