using System.Text.Json;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// An attribute path of RFC 7644 (filters 3.4.2.2, PATCH paths 3.5.2): an optional schema URN, an attribute, an optional
/// sub-attribute and, for multi-valued attributes, an optional value filter: <c>emails[type eq "work"].value</c>.
/// Names compare case-insensitively, as SCIM says.
/// </summary>
public sealed record ScimAttributePath(string? Schema, string Name, string? SubAttribute, ScimFilter? ValueFilter)
{
    public bool Is(string name, string? subAttribute = null)
        => Name.Equals(name, StringComparison.OrdinalIgnoreCase)
           && (subAttribute is null ? SubAttribute is null : subAttribute.Equals(SubAttribute, StringComparison.OrdinalIgnoreCase));

    public override string ToString()
        => (Schema is null ? "" : Schema + ":") + Name + (ValueFilter is null ? "" : "[" + ValueFilter + "]") + (SubAttribute is null ? "" : "." + SubAttribute);

    /// <summary>Parses a PATCH operation's path; false with a message when it is not one this service understands.</summary>
    public static bool TryParse(string text, out ScimAttributePath path, out string error)
    {
        var parser = new ScimFilterParser(text);
        if (parser.TryParsePathOnly(out path!, out error)) return true;
        path = null!;
        return false;
    }
}

/// <summary>One comparison "path eq value"; <see cref="Value"/> is a string, a bool or null.</summary>
public sealed record ScimComparison(ScimAttributePath Path, object? Value)
{
    public string? StringValue => Value as string;

    public override string ToString()
        => Path + " eq " + Value switch { null => "null", bool b => b ? "true" : "false", string s => JsonSerializer.Serialize(s), _ => "?" };
}

/// <summary>
/// The filters this service supports (SCIM "eq" comparisons joined with "and", which is what identity providers send:
/// <c>userName eq "alice@example.com"</c>, <c>externalId eq "…"</c>, <c>emails[type eq "work"].value eq "…"</c>,
/// <c>members[value eq "…"]</c>). Anything else is refused with a message, answered as 400 invalidFilter.
/// </summary>
public sealed record ScimFilter(IReadOnlyList<ScimComparison> Comparisons)
{
    public const string Supported = "Supported filters: attribute eq \"value\", joined with and; for example userName eq \"alice@example.com\".";

    public override string ToString() => string.Join(" and ", Comparisons);

    public static bool TryParse(string text, out ScimFilter filter, out string error)
    {
        var parser = new ScimFilterParser(text);
        if (parser.TryParseFilter(out filter!, out error)) return true;
        filter = null!;
        return false;
    }
}

/// <summary>A small recursive-descent parser for the subset above; every error message is plain English for the caller.</summary>
internal sealed class ScimFilterParser(string text)
{
    /// <summary>Filters longer than this are refused: no identity provider sends one, and parsing stays cheap.</summary>
    private const int MaxLength = 1000;

    private static readonly string[] UnsupportedOperators = ["ne", "co", "sw", "ew", "pr", "gt", "ge", "lt", "le"];
    private int _position;

    public bool TryParseFilter(out ScimFilter? filter, out string error)
    {
        filter = null;
        if (text.Length > MaxLength) { error = $"The filter is longer than {MaxLength} characters."; return false; }
        if (!TryParseComparisons(out var comparisons, closing: null, out error)) return false;
        filter = new ScimFilter(comparisons);
        return true;
    }

    public bool TryParsePathOnly(out ScimAttributePath? path, out string error)
    {
        path = null;
        if (text.Length > MaxLength) { error = $"The path is longer than {MaxLength} characters."; return false; }
        SkipSpaces();
        if (!TryParsePath(out path, allowValueFilter: true, out error)) return false;
        SkipSpaces();
        if (_position < text.Length) { error = $"Unexpected \"{text[_position..]}\" after the path."; path = null; return false; }
        return true;
    }

    private bool TryParseComparisons(out List<ScimComparison> comparisons, char? closing, out string error)
    {
        comparisons = [];
        while (true)
        {
            SkipSpaces();
            if (_position >= text.Length) { error = comparisons.Count == 0 ? "The filter is empty." : "The filter ends after \"and\"."; return false; }
            if (text[_position] == '(') { error = "Parentheses are not supported. " + ScimFilter.Supported; return false; }
            var word = PeekWord();
            if (word.Equals("not", StringComparison.OrdinalIgnoreCase)) { error = "\"not\" is not supported. " + ScimFilter.Supported; return false; }

            if (!TryParsePath(out var path, allowValueFilter: closing is null, out error)) return false;
            SkipSpaces();
            var op = ReadWord();
            if (op.Length == 0)
            {
                // "members[value eq "id"]" alone: true when one of the values matches the inner filter.
                if (path!.ValueFilter is { } inner && path.SubAttribute is null && inner.Comparisons.Count == 1)
                {
                    var only = inner.Comparisons[0];
                    comparisons.Add(new ScimComparison(path with { SubAttribute = only.Path.Name, ValueFilter = null }, only.Value));
                }
                else
                {
                    error = $"Expected an operator after \"{path}\". " + ScimFilter.Supported;
                    return false;
                }
            }
            else if (!op.Equals("eq", StringComparison.OrdinalIgnoreCase))
            {
                error = UnsupportedOperators.Contains(op.ToLowerInvariant())
                    ? $"The operator \"{op}\" is not supported. " + ScimFilter.Supported
                    : $"Unknown operator \"{op}\". " + ScimFilter.Supported;
                return false;
            }
            else
            {
                SkipSpaces();
                if (!TryParseValue(out var value, out error)) return false;
                comparisons.Add(new ScimComparison(path!, value));
            }

            SkipSpaces();
            if (_position >= text.Length)
            {
                if (closing is not null) { error = $"Missing \"{closing}\"."; return false; }
                error = "";
                return true;
            }

            if (closing is { } c && text[_position] == c)
            {
                error = "";
                return true;
            }

            var joiner = ReadWord();
            if (joiner.Equals("or", StringComparison.OrdinalIgnoreCase)) { error = "\"or\" is not supported. " + ScimFilter.Supported; return false; }
            if (!joiner.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                error = closing is null
                    ? $"Expected \"and\" or the end of the filter at \"{text[_position..]}\"."
                    : $"Expected \"and\" or \"{closing}\" at \"{text[_position..]}\".";
                return false;
            }
        }
    }

    private bool TryParsePath(out ScimAttributePath? path, bool allowValueFilter, out string error)
    {
        path = null;
        var start = _position;
        while (_position < text.Length && IsPathChar(text[_position])) _position++;
        var raw = text[start.._position];
        if (raw.Length == 0)
        {
            error = _position < text.Length ? $"Expected an attribute name at \"{text[_position..]}\"." : "Expected an attribute name.";
            return false;
        }

        // "urn:…:User:department" carries its schema: the attribute is what follows the last colon.
        string? schema = null;
        var colon = raw.LastIndexOf(':');
        if (colon >= 0)
        {
            schema = raw[..colon];
            raw = raw[(colon + 1)..];
        }

        var parts = raw.Split('.');
        if (parts.Length > 2 || parts.Any(p => !IsAttributeName(p)))
        {
            error = $"\"{text[start.._position]}\" is not an attribute path.";
            return false;
        }

        ScimFilter? valueFilter = null;
        var subAttribute = parts.Length == 2 ? parts[1] : null;
        if (_position < text.Length && text[_position] == '[')
        {
            if (!allowValueFilter || subAttribute is not null)
            {
                error = $"A value filter is not allowed after \"{raw}\".";
                return false;
            }

            _position++;
            if (!TryParseComparisons(out var inner, closing: ']', out error)) return false;
            if (_position >= text.Length || text[_position] != ']') { error = "Missing \"]\"."; return false; }
            _position++;
            valueFilter = new ScimFilter(inner);
            if (_position < text.Length && text[_position] == '.')
            {
                _position++;
                var subStart = _position;
                while (_position < text.Length && IsPathChar(text[_position]) && text[_position] is not ('.' or ':')) _position++;
                subAttribute = text[subStart.._position];
                if (!IsAttributeName(subAttribute)) { error = "Expected a sub-attribute after \"].\"."; return false; }
            }
        }

        path = new ScimAttributePath(schema, parts[0], subAttribute, valueFilter);
        error = "";
        return true;
    }

    private bool TryParseValue(out object? value, out string error)
    {
        value = null;
        if (_position < text.Length && text[_position] == '"')
        {
            // A JSON string: read to the closing quote that is not escaped, then let the JSON reader unescape it.
            var start = _position++;
            var escaped = false;
            while (_position < text.Length)
            {
                var c = text[_position++];
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    try
                    {
                        value = JsonSerializer.Deserialize<string>(text[start.._position]);
                        error = "";
                        return true;
                    }
                    catch (JsonException)
                    {
                        error = "The filter's string value has an invalid escape.";
                        return false;
                    }
                }
            }

            error = "The filter's string value has no closing quote.";
            return false;
        }

        var word = ReadWord();
        switch (word.ToLowerInvariant())
        {
            case "true": value = true; break;
            case "false": value = false; break;
            case "null": value = null; break;
            default:
                error = word.Length == 0 ? "Expected a value after \"eq\"." : $"\"{word}\" is not a value: put strings in double quotes.";
                return false;
        }

        error = "";
        return true;
    }

    private string PeekWord()
    {
        var end = _position;
        while (end < text.Length && char.IsAsciiLetter(text[end])) end++;
        return text[_position..end];
    }

    private string ReadWord()
    {
        var start = _position;
        while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '-' or '.')) _position++;
        return text[start.._position];
    }

    private void SkipSpaces()
    {
        while (_position < text.Length && text[_position] == ' ') _position++;
    }

    private static bool IsPathChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$' or '.' or ':';

    // RFC 7643 2.1: ATTRNAME = ALPHA *(nameChar); "$ref" is the one name with a "$".
    private static bool IsAttributeName(string name)
        => name.Length > 0 && (name == "$ref" || (char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')));
}
