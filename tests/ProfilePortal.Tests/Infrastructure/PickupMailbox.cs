using MimeKit;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Reads the .eml files the app wrote to its pickup folder (MimeKit decodes the parts as a mail client would).</summary>
public static class PickupMailbox
{
    public sealed record Mail(string Headers, string Text);

    /// <summary>The messages to the recipient written so far (mail is sent in the background: see <see cref="WaitForMessagesToAsync"/>).</summary>
    public static IReadOnlyList<Mail> MessagesTo(string pickupDirectory, string recipient) => ReadMessagesTo(pickupDirectory, recipient);

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages to the recipient (that match <paramref name="matching"/>,
    /// when given: security alerts go to the same address) are in the folder: the app queues mail and sends it in the
    /// background, so it arrives shortly after the request that asked for it.
    /// </summary>
    public static async Task<IReadOnlyList<Mail>> WaitForMessagesToAsync(string pickupDirectory, string recipient, int count = 1, TimeSpan? timeout = null, Func<Mail, bool>? matching = null)
        => await Eventually.FoundAsync(
            () => ReadMessagesTo(pickupDirectory, recipient).Where(matching ?? (_ => true)).ToList() is { } messages && messages.Count >= count ? messages : null,
            $"{count} messages to {recipient} in {pickupDirectory}", timeout,
            () => $"{ReadMessagesTo(pickupDirectory, recipient).Count(matching ?? (_ => true))} of them arrived");

    /// <summary>Headers as written and the decoded text of every part (plain text, then HTML).</summary>
    public static Mail Read(MimeMessage message)
        => new(message.Headers.ToString() ?? "", message.TextBody + Environment.NewLine + message.HtmlBody);

    private static List<Mail> ReadMessagesTo(string pickupDirectory, string recipient)
    {
        var messages = new List<Mail>();
        if (!Directory.Exists(pickupDirectory)) return messages;
        // Only whole files: the app writes each message under a temporary name and renames it to .eml when complete.
        foreach (var path in Directory.GetFiles(pickupDirectory, "*.eml"))
        {
            using var message = MimeMessage.Load(path);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase)))
                messages.Add(Read(message));
        }

        return messages;
    }
}
