namespace ProfilePortal.Web.Features.People;

/// <summary>
/// Parts of a person's People card (SPEC 2.8a) that they can hide from colleagues. Stored as what is hidden, so a new
/// account (and every account that existed before the choice) shows everything.
/// </summary>
[Flags]
public enum PeopleCardFields
{
    None = 0,
    Title = 1,
    Department = 2,
    Bio = 4,
    LocalTime = 8,
}
