using ProfilePortal.Web.Features.Profile;
// libphonenumber's namespace is also called PhoneNumbers (and wins over an imported type): this alias names the portal's class.
using PortalPhoneNumbers = ProfilePortal.Web.Features.Profile.PhoneNumbers;

namespace ProfilePortal.Tests.Features.Profile;

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("+91 9876543210", "+919876543210")]
    [InlineData("+91 (987) 654-32.10", "+919876543210")]
    [InlineData(" +1 (650) 253-0000 ", "+16502530000")]
    [InlineData("+44.20.7946.0958", "+442079460958")]
    [InlineData("+49 30 901820", "+4930901820")]
    [InlineData("+33 1 42 68 53 00", "+33142685300")]
    [InlineData("+81 3-1234-5678", "+81312345678")]
    [InlineData("+55 11 96123-4567", "+5511961234567")]
    [InlineData("+61 2 9876 5432", "+61298765432")]
    public void Check_ValidNumbersOfSeveralCountries_E164(string input, string expected)
    {
        var check = PortalPhoneNumbers.Check(input);

        Assert.Equal(PhoneNumberProblem.None, check.Problem);
        Assert.Equal(expected, check.E164);
        Assert.Equal(expected, PortalPhoneNumbers.Normalize(input));
    }

    [Theory]
    [InlineData("", PhoneNumberProblem.NotInternational)]
    [InlineData("+", PhoneNumberProblem.NotInternational)]
    [InlineData("9876543210", PhoneNumberProblem.NotInternational)]
    [InlineData("0044 20 7946 0958", PhoneNumberProblem.NotInternational)]
    [InlineData("++91 9876543210", PhoneNumberProblem.NotInternational)]
    [InlineData("+91 98765/43210", PhoneNumberProblem.NotInternational)]
    [InlineData("+91 98765x43210", PhoneNumberProblem.NotInternational)]
    [InlineData("+91 ９８７６５４３２１０", PhoneNumberProblem.NotInternational)]
    [InlineData("+91 9876543210 ext 5", PhoneNumberProblem.NotInternational)]
    [InlineData("+1-800-FLOWERS", PhoneNumberProblem.NotInternational)]
    [InlineData("+0 123 456 789", PhoneNumberProblem.UnknownCountryCode)]
    [InlineData("+999 123 456 789", PhoneNumberProblem.UnknownCountryCode)]
    [InlineData("+1 650 253", PhoneNumberProblem.TooShort)]
    [InlineData("+1234567", PhoneNumberProblem.TooShort)]
    [InlineData("+44 20 7946 0958 1234", PhoneNumberProblem.TooLong)]
    [InlineData("+1234567890123456", PhoneNumberProblem.TooLong)]
    [InlineData("+1 555 123 4567", PhoneNumberProblem.NotValidForCountry)]
    [InlineData("+44 20 7946 095", PhoneNumberProblem.NotValidForCountry)]
    [InlineData("+44 20 7946 09581", PhoneNumberProblem.TooLong)]
    public void Check_Refused_NamesTheProblem(string input, PhoneNumberProblem problem)
    {
        var check = PortalPhoneNumbers.Check(input);

        Assert.Equal(problem, check.Problem);
        Assert.Null(check.E164);
        Assert.Null(PortalPhoneNumbers.Normalize(input));
    }
}
