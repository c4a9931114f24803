using System.Net.Mail;
using System.Net.Mime;

namespace ProfilePortal.Web.Features.Email;

internal static class MimeMessageBuilder
{
    public static MailMessage Build(EmailMessage message, string from)
    {
        var mail = new MailMessage(new MailAddress(from).Address, message.To)
        {
            From = new MailAddress(from),
            Subject = message.Subject,
            Body = message.TextBody,
            IsBodyHtml = false,
        };
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        return mail;
    }
}
