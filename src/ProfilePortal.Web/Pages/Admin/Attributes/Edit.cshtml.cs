using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Admin.Attributes;

/// <summary>
/// One attribute: change its label, who sets it, whether the profile shows it and (lists) its choices; delete it
/// after a confirmation step that says how many values go with it. Key and type are fixed once created.
/// </summary>
public class EditModel(UserManager<AppUser> userManager, AccountAttributeService attributes, AttributeText text, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public AttributeDefinitionInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public AccountAttributeDefinition Definition { get; private set; } = null!;

    public AttributeText Text => text;

    /// <summary>True on the confirmation step of a deletion (the delete button posted without confirm).</summary>
    public bool ConfirmingDelete { get; private set; }

    public int Values { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        FillForm();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var result = await attributes.ChangeAsync(ActorId, Definition, Input, cancellationToken);
        if (!result.Validation.AddTo(ModelState)) return Page();
        StatusMessage = t["The attribute {0} is saved.", Definition.Label];
        return RedirectToPage("./Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, bool confirm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Definition.IsBuiltIn)
        {
            FillForm();
            ValidationErrors.Failure(string.Empty, t["A built-in attribute cannot be deleted."]).AddTo(ModelState);
            return Page();
        }

        if (!confirm)
        {
            ConfirmingDelete = true;
            FillForm();
            return Page();
        }

        var label = Definition.Label;
        await attributes.DeleteAsync(ActorId, Definition, cancellationToken);
        StatusMessage = t["The attribute {0} is deleted, with its values.", label];
        return RedirectToPage("./Index");
    }

    private Guid ActorId => Guid.Parse(userManager.GetUserId(User)!);

    /// <summary>The form with the stored values (what a delete button posted is not an edit to show).</summary>
    private void FillForm()
    {
        ModelState.Clear();
        Input = new AttributeDefinitionInput
        {
            Label = Definition.Label,
            EditableBy = Definition.EditableBy,
            ShownOnProfile = Definition.ShownOnProfile,
            Choices = string.Join('\n', Definition.Choices),
        };
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var definition = await attributes.FindDefinitionAsync(id, cancellationToken);
        if (definition is null) return false;
        Definition = definition;
        Values = await attributes.CountValuesAsync(id, cancellationToken);
        return true;
    }
}
