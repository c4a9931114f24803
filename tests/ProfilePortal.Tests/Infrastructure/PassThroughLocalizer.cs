using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>A localizer that answers every text in English (the key itself), for services tested without the app.</summary>
public sealed class PassThroughLocalizer : IStringLocalizer
{
    public LocalizedString this[string name] => new(name, name);

    public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
