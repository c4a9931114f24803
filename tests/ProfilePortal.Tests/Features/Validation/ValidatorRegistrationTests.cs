using System.Globalization;
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

    [Theory]
    [MemberData(nameof(Validators))]
    public async Task Validator_IsOneInstanceForEveryRequest(string name)
    {
        var validatorOfInput = typeof(IValidator<>).MakeGenericType(InputOf(ValidatorTypes().Single(t => t.FullName == name)));
        object? first = null, second = null;

        await factory.InScopeAsync(services => { first = services.GetRequiredService(validatorOfInput); return Task.CompletedTask; });
        await factory.InScopeAsync(services => { second = services.GetRequiredService(validatorOfInput); return Task.CompletedTask; });

        Assert.NotNull(first);
        Assert.Same(first, second);
    }

    /// <summary>
    /// Validators are singletons, built in whatever culture the first request had: a message looked up in the
    /// constructor would stay in that language for everyone. Built under English, validated under German, every
    /// message must be German (each differs from its English text).
    /// </summary>
    [Fact]
    public async Task Validator_MessagesAreInTheCultureOfTheValidationNotOfTheConstruction()
    {
        var checkedValidators = 0;
        foreach (var type in ValidatorTypes())
        {
            // An input that cannot be made empty (it carries its attribute's definition) is left out here.
            if (InputOf(type).GetConstructor(Type.EmptyTypes) is null) continue;
            var validator = (IValidator)WithCulture("en", () => ActivatorUtilities.CreateInstance(factory.Services, type));
            var input = Activator.CreateInstance(InputOf(type))!;

            var english = await MessagesAsync(validator, input, "en");
            var german = await MessagesAsync(validator, input, "de");

            if (english.Count == 0) continue;
            checkedValidators++;
            Assert.Equal(english.Count, german.Count);
            Assert.All(german, message => Assert.False(english.Contains(message), $"{type.Name}: \"{message}\" stayed in the language the validator was built in."));
        }

        Assert.True(checkedValidators >= 10, $"Only {checkedValidators} validators refused an empty input; the check needs failures to compare.");
    }

    /// <summary>The messages for this input in this culture (set inside an async method, so the caller's stays).</summary>
    private static async Task<List<string>> MessagesAsync(IValidator validator, object input, string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(input.GetType()), input)!;
        return (await validator.ValidateAsync(context)).Errors.Select(e => e.ErrorMessage).ToList();
    }

    private static T WithCulture<T>(string culture, Func<T> action)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static IEnumerable<Type> ValidatorTypes()
        => typeof(ValidationErrors).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.GetInterfaces().Any(IsValidatorInterface));

    private static Type InputOf(Type validator)
        => validator.GetInterfaces().Single(IsValidatorInterface).GetGenericArguments()[0];

    private static bool IsValidatorInterface(Type i) => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>);
}
