using ProfilePortal.Web.Features.Provisioning;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>The filter subset identity providers send parses; everything else is refused with a message (invalidFilter).</summary>
public sealed class ScimFilterTests
{
    [Theory]
    [InlineData("userName eq \"alice@contoso.com\"", "userName", null, "alice@contoso.com")]
    [InlineData("USERNAME EQ \"Alice\"", "USERNAME", null, "Alice")]
    [InlineData("externalId eq \"00aa-\\\"quoted\\\"\"", "externalId", null, "00aa-\"quoted\"")]
    [InlineData("emails.value eq \"a@b.example\"", "emails", "value", "a@b.example")]
    [InlineData("displayName eq \"Billing admin\"", "displayName", null, "Billing admin")]
    public void SimpleEq_Parses(string text, string name, string? sub, string value)
    {
        Assert.True(ScimFilter.TryParse(text, out var filter, out var error), error);

        var comparison = Assert.Single(filter.Comparisons);
        Assert.True(comparison.Path.Is(name, sub));
        Assert.Null(comparison.Path.ValueFilter);
        Assert.Equal(value, comparison.StringValue);
    }

    [Fact]
    public void ValueFilterWithSubAttribute_Parses()
    {
        Assert.True(ScimFilter.TryParse("emails[type eq \"work\"].value eq \"a@b.example\"", out var filter, out var error), error);

        var comparison = Assert.Single(filter.Comparisons);
        Assert.True(comparison.Path.Is("emails", "value"));
        var inner = Assert.Single(comparison.Path.ValueFilter!.Comparisons);
        Assert.True(inner.Path.Is("type"));
        Assert.Equal("work", inner.StringValue);
        Assert.Equal("a@b.example", comparison.Value);
    }

    [Fact]
    public void MembersValueFilterAlone_MeansAMemberWithThatValue()
    {
        Assert.True(ScimFilter.TryParse("members[value eq \"5d0f\"]", out var filter, out var error), error);

        var comparison = Assert.Single(filter.Comparisons);
        Assert.True(comparison.Path.Is("members", "value"));
        Assert.Equal("5d0f", comparison.Value);
    }

    [Fact]
    public void AndAndLiterals_Parse()
    {
        Assert.True(ScimFilter.TryParse("userName eq \"a\" and active eq false And title eq null", out var filter, out var error), error);

        Assert.Equal(3, filter.Comparisons.Count);
        Assert.Equal(false, filter.Comparisons[1].Value);
        Assert.Null(filter.Comparisons[2].Value);
    }

    [Fact]
    public void SchemaQualifiedAttribute_KeepsItsSchema()
    {
        Assert.True(ScimFilter.TryParse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\"", out var filter, out var error), error);

        var path = Assert.Single(filter.Comparisons).Path;
        Assert.Equal("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", path.Schema);
        Assert.True(path.Is("department"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("userName sw \"a\"", "\"sw\" is not supported")]
    [InlineData("userName eq \"a\" or userName eq \"b\"", "\"or\" is not supported")]
    [InlineData("not (userName eq \"a\")", "\"not\" is not supported")]
    [InlineData("(userName eq \"a\")", "Parentheses")]
    [InlineData("userName eq alice", "double quotes")]
    [InlineData("userName eq \"alice", "closing quote")]
    [InlineData("userName", "Expected an operator")]
    [InlineData("userName eq \"a\" and", "ends after")]
    [InlineData("userName foo \"a\"", "Unknown operator")]
    [InlineData("emails[type eq \"work\".value eq \"a\"", "Expected \"and\" or \"]\"")]
    [InlineData("emails[type eq \"work\"", "Missing \"]\"")]
    [InlineData("1abc eq \"a\"", "not an attribute path")]
    [InlineData("userName eq \"a\" userName", "Expected \"and\"")]
    public void Unsupported_IsRefusedWithAMessage(string text, string expected)
    {
        Assert.False(ScimFilter.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TooLong_IsRefused()
    {
        Assert.False(ScimFilter.TryParse("userName eq \"" + new string('a', 1000) + "\"", out _, out var error));
        Assert.Contains("longer than", error);
    }

    [Theory]
    [InlineData("title", "title", null)]
    [InlineData("name.givenName", "name", "givenName")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "department", null)]
    [InlineData("phoneNumbers[type eq \"mobile\"].value", "phoneNumbers", "value")]
    [InlineData("members[value eq \"2819c223\"]", "members", null)]
    public void PatchPaths_Parse(string text, string name, string? sub)
    {
        Assert.True(ScimAttributePath.TryParse(text, out var path, out var error), error);
        Assert.True(path.Is(name, sub));
    }

    [Theory]
    [InlineData("name.givenName.extra")]
    [InlineData("title eq \"x\"")]
    [InlineData("")]
    public void BadPatchPaths_AreRefused(string text) => Assert.False(ScimAttributePath.TryParse(text, out _, out _));
}
