using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Tests.Features.Validation;

public class ValidatorRegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Every concrete validator in the web assembly, with the input type it validates.</summary>
    public static TheoryData<string> Validators()
    {
        var data = new TheoryData<string>();
        foreach (var type in ValidatorTypes()) data.Add(type.FullName!);
        return data;
    }

    [Fact]
    public void Scan_FindsTheValidators()
        => Assert.True(ValidatorTypes().Count() >= 10, "The assembly scan should see every validator beside its input.");

    [Theory]
    [MemberData(nameof(Validators))]
    public async Task Validator_ResolvesFromTheScanAsTheValidatorOfItsInput(string name)
    {
        var type = ValidatorTypes().Single(t => t.FullName == name);
        var input = InputOf(type);

        await factory.InScopeAsync(services =>
        {
            var validator = services.GetRequiredService(typeof(IValidator<>).MakeGenericType(input));
            Assert.IsType(type, validator);
            return Task.CompletedTask;
        });
    }

    private static IEnumerable<Type> ValidatorTypes()
        => typeof(ValidationErrors).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.GetInterfaces().Any(IsValidatorInterface));

    private static Type InputOf(Type validator)
        => validator.GetInterfaces().Single(IsValidatorInterface).GetGenericArguments()[0];

    private static bool IsValidatorInterface(Type i) => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>);
}
