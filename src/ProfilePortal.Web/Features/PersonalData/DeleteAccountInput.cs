namespace ProfilePortal.Web.Features.PersonalData;

/// <summary>The typed confirmation of "Delete my account": the person's own username.</summary>
public sealed class DeleteAccountInput
{
    public string? Confirmation { get; set; }
}
