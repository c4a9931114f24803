using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Tests.Features.Validation;

public class ValidationErrorsTests
{
    private static readonly ValidationResult Result = new(
    [
        new ValidationFailure("FirstName", "First name is required."),
        new ValidationFailure("TimeZoneId", "Choose a time zone from the list."),
        new ValidationFailure("TimeZoneId", "A second message for the same field."),
        new ValidationFailure("", "This profile changed since you opened it."),
    ]);

    [Fact]
    public void AddTo_Failures_AreUnderInputFieldsWithEveryMessageAndModelLevelUnderTheEmptyKey()
    {
        var modelState = new ModelStateDictionary();

        var valid = Result.AddTo(modelState);

        Assert.False(valid);
        Assert.Equal(["First name is required."], Messages(modelState, "Input.FirstName"));
        Assert.Equal(["Choose a time zone from the list.", "A second message for the same field."], Messages(modelState, "Input.TimeZoneId"));
        Assert.Equal(["This profile changed since you opened it."], Messages(modelState, ""));
        Assert.Equal(3, modelState.Count);
    }

    [Fact]
    public void AddTo_OtherPrefix_PutsFieldErrorsUnderIt()
    {
        var modelState = new ModelStateDictionary();

        Result.AddTo(modelState, prefix: "Department");

        Assert.Equal(["First name is required."], Messages(modelState, "Department.FirstName"));
        Assert.False(modelState.ContainsKey("Input.FirstName"));
        Assert.Equal(["This profile changed since you opened it."], Messages(modelState, ""));
    }

    [Fact]
    public void AddTo_NoFailures_ReturnsTrueAndAddsNothing()
    {
        var modelState = new ModelStateDictionary();

        Assert.True(new ValidationResult().AddTo(modelState));
        Assert.Empty(modelState);
        Assert.True(modelState.IsValid);
    }

    [Fact]
    public void ToProblemErrors_KeysAreJsonFieldNamesWithEveryMessage()
    {
        var errors = Result.ToProblemErrors();

        Assert.Equal(["First name is required."], errors["firstName"]);
        Assert.Equal(["Choose a time zone from the list.", "A second message for the same field."], errors["timeZoneId"]);
        Assert.Equal(["This profile changed since you opened it."], errors[""]);
    }

    [Fact]
    public void IdentityResult_ToValidationResult_PutsEveryDescriptionUnderTheField()
    {
        var identity = IdentityResult.Failed(
            new IdentityError { Code = "PasswordTooShort", Description = "At least 12 characters" },
            new IdentityError { Code = "PasswordRequiresDigit", Description = "A digit" });
        var modelState = new ModelStateDictionary();

        identity.ToValidationResult("NewPassword").AddTo(modelState);

        Assert.Equal(["At least 12 characters", "A digit"], Messages(modelState, "Input.NewPassword"));
        Assert.True(IdentityResult.Success.ToValidationResult("NewPassword").IsValid);
    }

    private static string[] Messages(ModelStateDictionary modelState, string key)
        => modelState[key]!.Errors.Select(e => e.ErrorMessage).ToArray();
}
