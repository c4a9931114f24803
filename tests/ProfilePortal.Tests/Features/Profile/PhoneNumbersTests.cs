using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Tests.Features.Profile;

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("+91 9876543210", "+919876543210")]
    [InlineData(" +1 (555) 123-4567 ", "+15551234567")]
    [InlineData("+44.20.7946.0958", "+442079460958")]
    [InlineData("+12345678", "+12345678")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void Normalize_ValidInternational_ReturnsE164(string input, string expected)
        => Assert.Equal(expected, PhoneNumbers.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("0044 20 7946 0958")]
    [InlineData("+0 123 456 789")]
    [InlineData("+91 98765/43210")]
    [InlineData("+91 ９８７６５４３２１０")]
    [InlineData("+91 9876543210 ext 5")]
    public void Normalize_Invalid_ReturnsNull(string input)
        => Assert.Null(PhoneNumbers.Normalize(input));
}
