namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// Every choice of the avatar creator (SPEC 2.8b), version 1 of the character document: the one list the server
/// validates against, the creator page renders its form controls from, and the browser's renderer reads (as JSON in a
/// data attribute), so the three can never disagree. A document is
/// <c>{"version":1,"body":{"height":100,"build":"average"},"skin":{"tone":"sand"},…}</c>: one object per group, one
/// member per field, every field present, nothing else. Option keys are stable API values; labels are English
/// localizer keys. Adding an option is compatible; removing or renaming one needs a new version.
/// </summary>
public static class AvatarCharacterCatalogue
{
    public const int CurrentVersion = 1;

    public enum FieldKind
    {
        /// <summary>One of <see cref="Field.Options"/> (a radio group).</summary>
        Choice,

        /// <summary>One of <see cref="Field.Options"/>, each with a colour (a radio group of named swatches).</summary>
        Colour,

        /// <summary>A whole number from <see cref="Field.Min"/> to <see cref="Field.Max"/> (a range input).</summary>
        Range,
    }

    /// <param name="Key">The option's value in the document.</param>
    /// <param name="Label">English label, a localizer key.</param>
    /// <param name="Hex">The colour as #rrggbb, for colour fields only.</param>
    public sealed record CharacterOption(string Key, string Label, string? Hex = null);

    /// <param name="Key">The member's name inside its group.</param>
    /// <param name="Label">English label, a localizer key.</param>
    /// <param name="Default">The option key (or the number, for a range) of the default character.</param>
    public sealed record Field(string Key, string Label, FieldKind Kind, string Default, IReadOnlyList<CharacterOption> Options, int Min = 0, int Max = 0);

    /// <param name="Key">The group's member name in the document.</param>
    /// <param name="Label">English legend, a localizer key.</param>
    public sealed record Group(string Key, string Label, IReadOnlyList<Field> Fields);

    private static CharacterOption[] Colours(params (string Key, string Label, string Hex)[] colours)
        => [.. colours.Select(c => new CharacterOption(c.Key, c.Label, c.Hex))];

    private static CharacterOption[] Choices(params (string Key, string Label)[] choices)
        => [.. choices.Select(c => new CharacterOption(c.Key, c.Label))];

    /// <summary>Clothes and headwear share one palette.</summary>
    public static readonly IReadOnlyList<CharacterOption> ClothingColours = Colours(
        ("navy", "Navy", "#1f3a5f"), ("blue", "Blue", "#2f6db3"), ("sky", "Sky blue", "#7fb3e0"),
        ("teal", "Teal", "#2a8c8c"), ("green", "Green", "#3f8a4a"), ("olive", "Olive", "#6b6b2a"),
        ("yellow", "Yellow", "#e8c547"), ("orange", "Orange", "#e07b28"), ("red", "Red", "#b3262e"),
        ("pink", "Pink", "#e08bb0"), ("purple", "Purple", "#6b4aa3"), ("brown", "Brown", "#6b4a2e"),
        ("khaki", "Khaki", "#b5a27a"), ("white", "White", "#f2f2f2"), ("grey", "Grey", "#8c8c8c"),
        ("charcoal", "Charcoal", "#3a3a3a"), ("black", "Black", "#151515"));

    public static readonly IReadOnlyList<Group> Groups =
    [
        new("body", "Body",
        [
            new("height", "Height", FieldKind.Range, "100", [], Min: 85, Max: 115),
            new("build", "Build", FieldKind.Choice, "average", Choices(("slim", "Slim"), ("average", "Average"), ("broad", "Broad"))),
        ]),
        new("skin", "Skin",
        [
            new("tone", "Skin tone", FieldKind.Colour, "sand", Colours(
                ("porcelain", "Porcelain", "#f6d7c3"), ("ivory", "Ivory", "#eec1a0"), ("sand", "Sand", "#e0ac85"),
                ("honey", "Honey", "#c98e5e"), ("caramel", "Caramel", "#a86b43"), ("bronze", "Bronze", "#8a552f"),
                ("umber", "Umber", "#6a3f22"), ("espresso", "Espresso", "#4a2a17"))),
        ]),
        new("face", "Face",
        [
            new("eyes", "Eyes", FieldKind.Choice, "round", Choices(("round", "Round"), ("almond", "Almond"), ("narrow", "Narrow"), ("wide", "Wide"))),
            new("eyeColor", "Eye colour", FieldKind.Colour, "brown", Colours(
                ("brown", "Brown", "#5b3a1e"), ("hazel", "Hazel", "#8e6b34"), ("green", "Green", "#4f7a3a"),
                ("blue", "Blue", "#3f6fa8"), ("grey", "Grey", "#7d8a93"))),
            new("brows", "Eyebrows", FieldKind.Choice, "straight", Choices(("straight", "Straight"), ("arched", "Arched"), ("thick", "Thick"), ("thin", "Thin"))),
            new("mouth", "Mouth", FieldKind.Choice, "smile", Choices(("smile", "Smile"), ("neutral", "Neutral"), ("grin", "Grin"), ("surprised", "Surprised"))),
        ]),
        new("hair", "Hair",
        [
            new("style", "Hair style", FieldKind.Choice, "short", Choices(
                ("none", "None"), ("buzz", "Buzz cut"), ("short", "Short"), ("bob", "Bob"), ("long", "Long"),
                ("ponytail", "Ponytail"), ("bun", "Bun"), ("curly", "Curly"))),
            new("color", "Hair colour", FieldKind.Colour, "brown", Colours(
                ("black", "Black", "#1f1a17"), ("darkBrown", "Dark brown", "#3b2618"), ("brown", "Brown", "#6b4226"),
                ("auburn", "Auburn", "#8d3b1f"), ("blonde", "Blonde", "#d8b56a"), ("platinum", "Platinum", "#e8e2d0"),
                ("grey", "Grey", "#9a9a9a"), ("red", "Red", "#b5371f"), ("blue", "Blue", "#2f5fb3"), ("pink", "Pink", "#d9679b"))),
        ]),
        new("outfit", "Outfit",
        [
            new("top", "Top", FieldKind.Choice, "tshirt", Choices(("tshirt", "T-shirt"), ("shirt", "Shirt"), ("hoodie", "Hoodie"), ("sweater", "Sweater"), ("jacket", "Jacket"))),
            new("topColor", "Top colour", FieldKind.Colour, "navy", ClothingColours),
            new("bottom", "Bottom", FieldKind.Choice, "trousers", Choices(("trousers", "Trousers"), ("jeans", "Jeans"), ("shorts", "Shorts"), ("skirt", "Skirt"))),
            new("bottomColor", "Bottom colour", FieldKind.Colour, "charcoal", ClothingColours),
            new("shoes", "Shoes", FieldKind.Choice, "sneakers", Choices(("sneakers", "Sneakers"), ("boots", "Boots"), ("shoes", "Shoes"), ("sandals", "Sandals"))),
            new("shoesColor", "Shoe colour", FieldKind.Colour, "white", ClothingColours),
        ]),
        new("accessories", "Accessories",
        [
            new("glasses", "Glasses", FieldKind.Choice, "none", Choices(("none", "None"), ("round", "Round"), ("square", "Square"), ("sunglasses", "Sunglasses"))),
            new("headwear", "Headwear", FieldKind.Choice, "none", Choices(("none", "None"), ("cap", "Cap"), ("beanie", "Beanie"), ("hat", "Hat"))),
            new("headwearColor", "Headwear colour", FieldKind.Colour, "red", ClothingColours),
        ]),
    ];
}
