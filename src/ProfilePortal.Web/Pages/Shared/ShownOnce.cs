namespace ProfilePortal.Web.Pages;

/// <summary>
/// A secret shown once right after it was made (a token, a signing secret), for the _ShownOnce partial: the element ids
/// start with <paramref name="Id"/> ("{Id}-value", "{Id}-warning"), tests find the card by <paramref name="TestId"/>.
/// </summary>
public sealed record ShownOnce(string Id, string TestId, string Heading, string Warning, string Value);
