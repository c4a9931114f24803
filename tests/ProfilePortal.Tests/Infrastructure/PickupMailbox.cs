using System.Text;
using System.Text.RegularExpressions;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Reads the .eml files the app wrote to its pickup folder, decoding MIME parts as a mail client would.</summary>
public static partial class PickupMailbox
{
    public sealed record Mail(string Headers, string Text);

    public static IReadOnlyList<Mail> MessagesTo(string pickupDirectory, string recipient)
    {
        if (!Directory.Exists(pickupDirectory)) return [];
        return Directory.GetFiles(pickupDirectory, "*.eml")
            .Select(path => Parse(File.ReadAllText(path)))
            .Where(m => m.Headers.Contains(recipient, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    public static Mail Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = raw[..split];
        var body = raw[(split + 4)..];
        var boundary = BoundaryPattern().Match(headers);
        if (!boundary.Success) return new Mail(headers, Decode(headers, body));

        var text = new StringBuilder();
        foreach (var part in body.Split("--" + boundary.Groups[1].Value))
        {
            var partSplit = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (partSplit < 0) continue;
            text.AppendLine(Decode(part[..partSplit], part[(partSplit + 4)..]));
        }

        return new Mail(headers, text.ToString());
    }

    private static string Decode(string headers, string body)
    {
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n").TakeWhile(l => !l.StartsWith("--", StringComparison.Ordinal)))));
        if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            var joined = body.Replace("=\r\n", "", StringComparison.Ordinal);
            var bytes = new List<byte>();
            for (var i = 0; i < joined.Length; i++)
            {
                if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
                {
                    bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
                }
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        return body;
    }

    [GeneratedRegex("boundary=\"?([^\";\\r\\n]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();
}
