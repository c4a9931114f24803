using System.Text;
using System.Text.RegularExpressions;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Reads the .eml files the app wrote to its pickup folder, decoding MIME parts as a mail client would.</summary>
public static partial class PickupMailbox
{
    public sealed record Mail(string Headers, string Text);

    /// <summary>The messages to the recipient fully written so far (mail is sent in the background: see <see cref="WaitForMessagesToAsync"/>).</summary>
    public static IReadOnlyList<Mail> MessagesTo(string pickupDirectory, string recipient) => ReadMessagesTo(pickupDirectory, recipient);

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages to the recipient are in the folder: the app queues mail
    /// and sends it in the background, so it arrives shortly after the request that asked for it.
    /// </summary>
    public static async Task<IReadOnlyList<Mail>> WaitForMessagesToAsync(string pickupDirectory, string recipient, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var messages = ReadMessagesTo(pickupDirectory, recipient);
            if (messages.Count >= count) return messages;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{messages.Count} of {count} expected messages to {recipient} arrived in {pickupDirectory}.");
            await Task.Delay(25);
        }
    }

    private static List<Mail> ReadMessagesTo(string pickupDirectory, string recipient)
    {
        var messages = new List<Mail>();
        if (!Directory.Exists(pickupDirectory)) return messages;
        foreach (var path in Directory.GetFiles(pickupDirectory, "*.eml"))
        {
            string raw;
            try
            {
                raw = File.ReadAllText(path);
            }
            catch (IOException)
            {
                continue; // still being written: the next poll reads it
            }

            if (IsComplete(raw) && Parse(raw) is var mail && mail.Headers.Contains(recipient, StringComparison.OrdinalIgnoreCase))
                messages.Add(mail);
        }

        return messages;
    }

    /// <summary>A file caught while being written lacks the header/body separator or the closing MIME boundary.</summary>
    private static bool IsComplete(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0) return false;
        var boundary = BoundaryPattern().Match(raw[..split]);
        return !boundary.Success || raw.Contains("--" + boundary.Groups[1].Value + "--", StringComparison.Ordinal);
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
