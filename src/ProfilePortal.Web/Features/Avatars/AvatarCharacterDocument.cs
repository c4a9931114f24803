using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data.Configurations;
using static ProfilePortal.Web.Features.Avatars.AvatarCharacterCatalogue;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// A validated avatar character (SPEC 2.8b): one value for every field of <see cref="AvatarCharacterCatalogue"/>.
/// Only <see cref="Parse"/> and <see cref="Default"/> make one, so an instance is always complete and in range; its
/// <see cref="ToJson"/> is canonical (catalogue order, no whitespace), which is what is stored and returned.
/// </summary>
public sealed class AvatarCharacterDocument
{
    private readonly Dictionary<string, string> _values;

    private AvatarCharacterDocument(Dictionary<string, string> values) => _values = values;

    /// <summary>The starting character of the creator (every field's default).</summary>
    public static AvatarCharacterDocument Default { get; } = new(
        Groups.SelectMany(g => g.Fields.Select(f => (Path: PathOf(g, f), f.Default))).ToDictionary(x => x.Path, x => x.Default, StringComparer.Ordinal));

    /// <summary>The value of one field: an option key, or the number of a range field in invariant digits.</summary>
    public string Value(string group, string field) => _values[$"{group}.{field}"];

    public static string PathOf(Group group, Field field) => $"{group.Key}.{field.Key}";

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CurrentVersion);
            foreach (var group in Groups)
            {
                writer.WriteStartObject(group.Key);
                foreach (var field in group.Fields)
                {
                    var value = _values[PathOf(group, field)];
                    if (field.Kind == FieldKind.Range) writer.WriteNumber(field.Key, int.Parse(value, CultureInfo.InvariantCulture));
                    else writer.WriteString(field.Key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public enum Problem
    {
        /// <summary>Empty, longer than the column allows, not JSON, or not a JSON object.</summary>
        NotAnObject,
        UnsupportedVersion,
        UnknownMember,
        MissingMember,
        InvalidValue,
    }

    /// <param name="Path">The member at fault ("hair.color"), or null when the whole document is.</param>
    public sealed record ParseError(Problem Problem, string? Path);

    /// <summary>
    /// Reads a document sent by the creator or an API client: version 1, exactly the catalogue's groups and fields
    /// (no unknown member anywhere, none missing), each value one of its options or a whole number in its range.
    /// Returns the first problem found.
    /// </summary>
    public static (AvatarCharacterDocument? Document, ParseError? Error) Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > AvatarCharacterConfiguration.MaxDocumentLength) return Fail(Problem.NotAnObject);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            return Fail(Problem.NotAnObject);
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail(Problem.NotAnObject);
            if (!root.TryGetProperty("version", out var version)) return Fail(Problem.MissingMember, "version");
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != CurrentVersion)
                return Fail(Problem.UnsupportedVersion, "version");

            foreach (var member in root.EnumerateObject())
                if (member.Name != "version" && Groups.All(g => g.Key != member.Name)) return Fail(Problem.UnknownMember, member.Name);

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in Groups)
            {
                if (!root.TryGetProperty(group.Key, out var groupElement)) return Fail(Problem.MissingMember, group.Key);
                if (groupElement.ValueKind != JsonValueKind.Object) return Fail(Problem.InvalidValue, group.Key);
                foreach (var member in groupElement.EnumerateObject())
                    if (group.Fields.All(f => f.Key != member.Name)) return Fail(Problem.UnknownMember, $"{group.Key}.{member.Name}");

                foreach (var field in group.Fields)
                {
                    var path = PathOf(group, field);
                    if (!groupElement.TryGetProperty(field.Key, out var element)) return Fail(Problem.MissingMember, path);
                    var value = ValueOf(field, element);
                    if (value is null) return Fail(Problem.InvalidValue, path);
                    values[path] = value;
                }
            }

            return (new AvatarCharacterDocument(values), null);
        }
    }

    private static string? ValueOf(Field field, JsonElement element)
    {
        if (field.Kind == FieldKind.Range)
        {
            return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var n) && n >= field.Min && n <= field.Max
                ? n.ToString(CultureInfo.InvariantCulture)
                : null;
        }

        if (element.ValueKind != JsonValueKind.String) return null;
        var key = element.GetString();
        return field.Options.Any(o => o.Key == key) ? key : null;
    }

    private static (AvatarCharacterDocument?, ParseError?) Fail(Problem problem, string? path = null) => (null, new ParseError(problem, path));

    /// <summary>The message a person or an API client reads for a refused document.</summary>
    public static string Describe(ParseError error, IStringLocalizer t)
    {
        var field = error.Path is { } path ? FindField(path) : null;
        return error.Problem switch
        {
            Problem.UnsupportedVersion => t["This character was saved in a version this portal does not know (it knows version {0}).", CurrentVersion],
            Problem.UnknownMember => t["The character contains \"{0}\", which is not one of its settings.", error.Path!],
            Problem.MissingMember => t["The character has no \"{0}\"; every setting needs a value.", error.Path!],
            Problem.InvalidValue when field is { Kind: FieldKind.Range } => t["\"{0}\" must be a whole number from {1} to {2}.", error.Path!, field.Min, field.Max],
            Problem.InvalidValue when field is not null => t["\"{0}\" must be one of: {1}.", error.Path!, string.Join(", ", field.Options.Select(o => o.Key))],
            Problem.InvalidValue => t["\"{0}\" must be an object of settings.", error.Path!],
            _ => t["The character could not be read: send a JSON object like the one the creator saves."],
        };
    }

    private static Field? FindField(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return null;
        return Groups.FirstOrDefault(g => g.Key == path[..dot])?.Fields.FirstOrDefault(f => f.Key == path[(dot + 1)..]);
    }
}
