using System.Text;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Tests.Features.TwoFactor;

/// <summary>The code computation against RFC 6238's own test vectors (SHA-1, truncated to six digits).</summary>
public class TotpTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Code_RfcVectors_Match(long unixSeconds, string expected)
        => Assert.Equal(expected, Totp.Code(RfcKey, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));

    [Fact]
    public void DecodeBase32_KeyOfTheRfc_RoundTrips()
        => Assert.Equal(RfcKey, Totp.DecodeBase32("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"));

    [Fact]
    public void RecoveryCodes_NormalizeAndHash_IgnoreCaseDashesAndMisreadings()
    {
        Assert.Equal(RecoveryCodes.Hash("0a1b-2c3d-4e5f-6g7h"), RecoveryCodes.Hash("OA1B 2C3D 4E5F 6G7H"));
        Assert.Equal(RecoveryCodes.Hash("1111-2222-3333-4444"), RecoveryCodes.Hash("IlI1-2222-3333-4444"));
        Assert.NotEqual(RecoveryCodes.Hash("1111-2222-3333-4444"), RecoveryCodes.Hash("1111-2222-3333-4445"));
    }
}
