namespace ProfilePortal.Web.Data;

/// <summary>The kind of value an account attribute holds (SPEC 2.9a). Stored as text, so values may be added but never renamed.</summary>
public enum AttributeType
{
    /// <summary>Yes or no; stored as "true" or "false".</summary>
    YesNo,

    /// <summary>Up to <see cref="AccountAttributeDefinition.TextMaxLength"/> characters.</summary>
    Text,

    /// <summary>A calendar date, stored as "yyyy-MM-dd".</summary>
    Date,

    /// <summary>One of the definition's <see cref="AccountAttributeDefinition.Choices"/>.</summary>
    Choice,
}

/// <summary>Who may set an attribute's value.</summary>
public enum AttributeEditor
{
    Administrators,
    PersonToo,
}

/// <summary>
/// An extra account attribute an administrator defines on /Admin/Attributes (SPEC 2.9a), e.g. "Former student". Its
/// values are <see cref="AccountAttributeValue"/> rows; provisioning (SCIM) reads and writes them under the portal's
/// own schema by <see cref="Key"/>.
/// </summary>
public class AccountAttributeDefinition
{
    public const int KeyMaxLength = 40;
    public const int LabelMaxLength = 100;
    public const int TextMaxLength = 200;
    public const int ChoiceMaxLength = 100;
    public const int MaxChoices = 50;

    public Guid Id { get; set; }

    /// <summary>Stable machine name (lower-case letters, digits, underscores), used by SCIM and the API; never changes.</summary>
    public string Key { get; set; } = "";

    public string Label { get; set; } = "";
    public AttributeType Type { get; set; }

    /// <summary>The allowed values of a <see cref="AttributeType.Choice"/> attribute, in display order; empty otherwise.</summary>
    public List<string> Choices { get; set; } = [];

    public AttributeEditor EditableBy { get; set; }

    /// <summary>Shown in the account panel of the person's own profile page.</summary>
    public bool ShownOnProfile { get; set; }

    /// <summary>Order on every page that lists attributes.</summary>
    public int Position { get; set; }

    /// <summary>The seeded attributes the portal itself relies on; they can be relabelled but not deleted or retyped.</summary>
    public bool IsBuiltIn { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One person's value of one attribute, in the canonical text form of its type. No row means no value.</summary>
public class AccountAttributeValue
{
    public Guid UserId { get; set; }
    public Guid DefinitionId { get; set; }
    public AccountAttributeDefinition? Definition { get; set; }
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The attributes every installation has (seeded by the migration that created the tables).</summary>
public static class BuiltInAttributes
{
    /// <summary>"Former student": set by the directory synchronization; administrators only.</summary>
    public static readonly Guid FormerStudentId = new("3b0e6f1c-5a43-4d0e-9a55-0f3c1d2b7a01");
    public const string FormerStudentKey = "former_student";

    /// <summary>"Exclude from sync": while it is yes, provisioning (SCIM) never changes the person.</summary>
    public static readonly Guid ExcludeFromSyncId = new("3b0e6f1c-5a43-4d0e-9a55-0f3c1d2b7a02");
    public const string ExcludeFromSyncKey = "exclude_from_sync";

    /// <summary>The canonical stored values of a yes/no attribute.</summary>
    public const string Yes = "true";
    public const string No = "false";
}
