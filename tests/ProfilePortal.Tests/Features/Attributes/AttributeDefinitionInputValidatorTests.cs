using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Attributes;

namespace ProfilePortal.Tests.Features.Attributes;

public class AttributeDefinitionInputValidatorTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<Dictionary<string, string>> ErrorsAsync(AttributeDefinitionInput input)
    {
        var result = await factory.InScopeAsync(sp => sp.GetRequiredService<AttributeDefinitionInputValidator>().ValidateAsync(input));
        return result.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
    }

    private static AttributeDefinitionInput Valid() => new() { Key = "cohort", Label = "Cohort", Type = AttributeType.Text, EditableBy = AttributeEditor.Administrators };

    [Theory]
    [InlineData("ab")]
    [InlineData("former_2")]
    [InlineData("a234567890123456789012345678901234567890")]
    public async Task Key_Good_IsAccepted(string key)
        => Assert.Empty(await ErrorsAsync(new AttributeDefinitionInput { Key = key, Label = "L", Type = AttributeType.Text, EditableBy = AttributeEditor.Administrators }));

    [Theory]
    [InlineData("", "Enter a key.")]
    [InlineData("a", "A key has 2 to 40 characters: a lower-case letter first, then lower-case letters, digits or underscores.")]
    [InlineData("Cohort", "A key has 2 to 40 characters: a lower-case letter first, then lower-case letters, digits or underscores.")]
    [InlineData("1cohort", "A key has 2 to 40 characters: a lower-case letter first, then lower-case letters, digits or underscores.")]
    [InlineData("co-hort", "A key has 2 to 40 characters: a lower-case letter first, then lower-case letters, digits or underscores.")]
    [InlineData("coh ort", "A key has 2 to 40 characters: a lower-case letter first, then lower-case letters, digits or underscores.")]
    [InlineData("a2345678901234567890123456789012345678901", "A key has 2 to 40 characters: a lower-case letter first, then lower-case letters, digits or underscores.")]
    public async Task Key_Bad_IsRefused(string key, string message)
    {
        var input = Valid();
        input.Key = key;
        Assert.Equal(message, (await ErrorsAsync(input))[nameof(AttributeDefinitionInput.Key)]);
    }

    [Theory]
    [InlineData("", "Enter a label.")]
    [InlineData("LONG", "A label has at most 100 characters.")]
    [InlineData("Bad\u202Elabel", "Remove control characters and direction overrides from the label.")]
    public async Task Label_Bad_IsRefused(string label, string message)
    {
        var input = Valid();
        input.Label = label == "LONG" ? new string('x', 101) : label;
        Assert.Equal(message, (await ErrorsAsync(input))[nameof(AttributeDefinitionInput.Label)]);
    }

    [Theory]
    [InlineData(AttributeType.Choice, "Red\n\n Blue \r\nGreen", null)]
    [InlineData(AttributeType.Choice, "  \n ", "Enter the choices, one per line.")]
    [InlineData(AttributeType.Choice, "Red\nred", "The choice Red is listed twice.")]
    [InlineData(AttributeType.Choice, "MANY", "A list has at most 50 choices.")]
    [InlineData(AttributeType.Choice, "LONG", "A choice has at most 100 characters: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…")]
    [InlineData(AttributeType.Text, "Red", "Only a list attribute has choices; leave this empty.")]
    [InlineData(AttributeType.YesNo, "Red", "Only a list attribute has choices; leave this empty.")]
    public async Task Choices_FollowTheType(AttributeType type, string choices, string? message)
    {
        var input = Valid();
        input.Type = type;
        input.Choices = choices switch
        {
            "MANY" => string.Join('\n', Enumerable.Range(1, 51).Select(i => $"Choice {i}")),
            "LONG" => new string('x', 101),
            _ => choices,
        };

        var errors = await ErrorsAsync(input);

        Assert.Equal(message, errors.GetValueOrDefault(nameof(AttributeDefinitionInput.Choices)));
    }

    [Fact]
    public void ChoiceList_TrimsLinesAndLeavesOutEmptyOnes()
        => Assert.Equal(["Red", "Blue", "Green"], new AttributeDefinitionInput { Choices = "Red\n\n Blue \r\nGreen" }.ChoiceList());

    [Fact]
    public async Task EditableByThePerson_NotShownOnProfile_IsRefused()
    {
        var input = Valid();
        input.EditableBy = AttributeEditor.PersonToo;
        input.ShownOnProfile = false;

        Assert.Equal("An attribute the person may set is shown on their profile.", (await ErrorsAsync(input))[nameof(AttributeDefinitionInput.ShownOnProfile)]);
    }
}
