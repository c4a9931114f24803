using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Features.Tokens;

public class TokenFormatTests
{
    [Fact]
    public void Generate_HasPrefixLengthAndOnlyBase62_AndIsWellFormed()
    {
        var token = TokenFormat.Generate();

        Assert.StartsWith("ppt_", token, StringComparison.Ordinal);
        Assert.Equal(4 + 43 + 6, token.Length);
        Assert.All(token[4..], c => Assert.True(char.IsAsciiLetterOrDigit(c), $"'{c}' is not base62"));
        Assert.True(TokenFormat.IsWellFormed(token));
    }

    [Fact]
    public void Generate_ManyTokens_AllDifferent()
    {
        var tokens = Enumerable.Range(0, 10_000).Select(_ => TokenFormat.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, tokens.Count);
    }

    [Fact]
    public void IsWellFormed_AnyOneCharacterChanged_IsRefusedByTheChecksum()
    {
        var token = TokenFormat.Generate();
        for (var i = 4; i < token.Length; i++)
        {
            var chars = token.ToCharArray();
            chars[i] = chars[i] == 'a' ? 'b' : 'a';
            Assert.False(TokenFormat.IsWellFormed(new string(chars)), $"changed at {i} but accepted");
        }
    }

    /// <summary>Tokens already handed out stay valid: the checksum is CRC-32 (IEEE) of the ASCII text before it, in base62.</summary>
    [Theory]
    [InlineData("ppt_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg1JMLTy")]
    [InlineData("ppt_q7Xk2LmN9pR4sT6vW8yZ1aB3cD5eF7gH9iJ0kL2mN4o1XPr6b")]
    public void IsWellFormed_TokenIssuedEarlier_IsTrue(string issued) => Assert.True(TokenFormat.IsWellFormed(issued));

    [Theory]
    [InlineData("")]
    [InlineData("ppt_")]
    [InlineData("ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("ppt_0000000000000000000000000000000000000000000000000")]
    [InlineData("ppt_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void IsWellFormed_Noise_IsFalse(string value) => Assert.False(TokenFormat.IsWellFormed(value));

    [Fact]
    public void IsWellFormed_WrongPrefixWithValidRest_IsFalse()
    {
        var token = TokenFormat.Generate();

        Assert.False(TokenFormat.IsWellFormed("xpt_" + token[4..]));
        Assert.False(TokenFormat.IsWellFormed(token + "0"));
        Assert.False(TokenFormat.IsWellFormed(token.AsSpan(0, token.Length - 1)));
    }

    [Fact]
    public void HashAndDisplayPrefix_AreHexSha256AndEightCharacters()
    {
        var token = TokenFormat.Generate();

        var hash = TokenFormat.Hash(token);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token))), hash);
        Assert.Equal(token[..8], TokenFormat.DisplayPrefix(token));
    }
}
