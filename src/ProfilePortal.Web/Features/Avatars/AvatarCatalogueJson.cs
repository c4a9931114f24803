using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;
using static ProfilePortal.Web.Features.Avatars.AvatarCharacterCatalogue;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// The catalogue as the creator page hands it to the browser (its <c>data-catalogue</c> attribute): the same groups,
/// fields and options with labels in the person's language and the swatch colours, so the scripts never keep a copy.
/// <c>{"groups":[{"key","label","fields":[{"key","label","kind":"Choice|Colour|Range","default","options":[{"key","label","hex"}],"min","max"}]}]}</c>
/// </summary>
public static class AvatarCatalogueJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record OptionJson(string Key, string Label, string? Hex);

    private sealed record FieldJson(string Key, string Label, FieldKind Kind, string Default, IEnumerable<OptionJson> Options, int Min, int Max);

    private sealed record GroupJson(string Key, string Label, IEnumerable<FieldJson> Fields);

    private sealed record CatalogueJson(int Version, IEnumerable<GroupJson> Groups);

    public static string Write(IStringLocalizer t) => JsonSerializer.Serialize(
        new CatalogueJson(CurrentVersion, Groups.Select(g => new GroupJson(g.Key, t[g.Label], g.Fields.Select(f => new FieldJson(
            f.Key, t[f.Label], f.Kind, f.Default, f.Options.Select(o => new OptionJson(o.Key, t[o.Label], o.Hex)), f.Min, f.Max))))),
        Options);
}
