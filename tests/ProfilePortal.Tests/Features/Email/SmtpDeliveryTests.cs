using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Testing;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Features.Email;

/// <summary>
/// The app configured for SMTP (Email:Smtp) in front of a real SMTP server on loopback (<see cref="SmtpSink"/>),
/// started before the app and stopped after it. The sink requires AUTH when <see cref="SinkUserName"/> is set.
/// </summary>
public abstract class SmtpSinkPortalFactory : PortalFactory, IAsyncLifetime
{
    public const string SinkUserName = "portal-mailer";
    public const string SinkPassword = "sink-Pass-7f3a9c";

    public SmtpSink Sink { get; private set; } = null!;

    /// <summary>Whether the sink requires AUTH with <see cref="SinkUserName"/> and <see cref="SinkPassword"/>.</summary>
    protected abstract bool SinkRequiresLogin { get; }

    /// <summary>The Email:Smtp settings besides host and port.</summary>
    protected abstract IDictionary<string, string?> SmtpSettings { get; }

    /// <summary>A domain whose recipients the sink refuses with 550; none by default.</summary>
    protected virtual string? RefusedDomain => null;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = Sink.Port.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (key, value) in SmtpSettings) settings["Email:Smtp:" + key] = value;
            return settings;
        }
    }

    public async Task InitializeAsync()
        => Sink = SinkRequiresLogin ? await SmtpSink.StartAsync(SinkUserName, SinkPassword, RefusedDomain) : await SmtpSink.StartAsync(refusedDomain: RefusedDomain);

    Task IAsyncLifetime.DisposeAsync() => Sink.DisposeAsync().AsTask();

    /// <summary>Asks for a password reset for the person, as the forgot-password form does.</summary>
    public async Task RequestResetAsync(TestUser user)
    {
        var response = await CreateBrowserClient().SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = user.Email });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Waits for a log record of the email sender or outbox with <paramref name="property"/> (mail is sent in the background).</summary>
    public Task<FakeLogRecord> WaitForLogAsync(string property)
        => Eventually.FoundAsync(
            () => Logs.GetSnapshot().FirstOrDefault(r => (r.Category ?? "").StartsWith("ProfilePortal.Web.Features.Email", StringComparison.Ordinal) && r.Property(property) is not null),
            $"an email log record with the property '{property}'");

    /// <summary>Whether any log record carries <paramref name="secret"/> anywhere (message, exception or property).</summary>
    public bool LogsContain(string secret) => Logs.GetSnapshot().Any(r => r.Text().Contains(secret, StringComparison.Ordinal));
}

public sealed class AuthenticatedSmtpFactory : SmtpSinkPortalFactory
{
    protected override bool SinkRequiresLogin => true;

    protected override IDictionary<string, string?> SmtpSettings => new Dictionary<string, string?>
    {
        ["Security"] = "None",
        ["UserName"] = SinkUserName,
        ["Password"] = SinkPassword,
    };
}

public class SmtpDeliveryTests(AuthenticatedSmtpFactory factory) : IClassFixture<AuthenticatedSmtpFactory>
{
    [Fact]
    public async Task PostForgotPassword_SmtpWithLogin_ResetMailArrivesAtTheServer()
    {
        var user = await factory.CreateUserAsync();

        await factory.RequestResetAsync(user);

        var received = await factory.Sink.WaitForMessageToAsync(user.Email);
        Assert.Equal(SmtpSinkPortalFactory.SinkUserName, received.User);
        Assert.Equal("no-reply@profileportal.local", received.MailFrom);
        Assert.Equal([user.Email], received.RcptTo);
        var message = received.Message;
        Assert.Equal("Reset your ProfilePortal password", message.Subject);
        Assert.Equal(user.Email, Assert.Single(message.To.Mailboxes).Address);
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("ProfilePortal", "no-reply@profileportal.local"), (from.Name, from.Address));
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.InRange(message.Date, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal("multipart/alternative", Assert.IsType<MimeKit.MultipartAlternative>(message.Body).ContentType.MimeType);
        Assert.Matches(@"http://localhost/Account/ResetPassword\?userId=[0-9a-f-]+&code=[A-Za-z0-9_-]+", message.TextBody);
        Assert.Matches(@"<a href=""http://localhost/Account/ResetPassword\?userId=[0-9a-f-]+&amp;code=[A-Za-z0-9_-]+"">", message.HtmlBody);
        var sent = await factory.WaitForLogAsync("Host");
        Assert.Equal("127.0.0.1", sent.Property("Host"));
        Assert.Equal("Reset your ProfilePortal password", sent.Property("Subject"));
        Assert.False(factory.LogsContain(SmtpSinkPortalFactory.SinkPassword));
    }
}

public sealed class WrongPasswordSmtpFactory : SmtpSinkPortalFactory
{
    public const string WrongPassword = "not-the-Pass-51b2";

    protected override bool SinkRequiresLogin => true;

    protected override IDictionary<string, string?> SmtpSettings => new Dictionary<string, string?>
    {
        ["Security"] = "None",
        ["UserName"] = SinkUserName,
        ["Password"] = WrongPassword,
    };
}

public class SmtpWrongPasswordTests(WrongPasswordSmtpFactory factory) : IClassFixture<WrongPasswordSmtpFactory>
{
    [Fact]
    public async Task PostForgotPassword_ServerRefusesTheLogin_NothingSentAndErrorLoggedWithoutThePassword()
    {
        var user = await factory.CreateUserAsync();

        await factory.RequestResetAsync(user);

        var error = await factory.WaitForLogAsync("ErrorType");
        Assert.Equal("Reset your ProfilePortal password", error.Property("Subject"));
        Assert.Equal("AuthenticationException", error.Property("ErrorType"));
        Assert.Empty(factory.Sink.MessagesTo(user.Email));
        Assert.False(factory.LogsContain(WrongPasswordSmtpFactory.WrongPassword));
    }
}

/// <summary>Email:Smtp:Security left unset: TLS is required, so a server that offers no STARTTLS gets nothing.</summary>
public sealed class DefaultSecuritySmtpFactory : SmtpSinkPortalFactory
{
    protected override bool SinkRequiresLogin => false;

    protected override IDictionary<string, string?> SmtpSettings => new Dictionary<string, string?>();
}

public class SmtpDefaultSecurityTests(DefaultSecuritySmtpFactory factory) : IClassFixture<DefaultSecuritySmtpFactory>
{
    [Fact]
    public async Task PostForgotPassword_ServerWithoutStartTls_RefusesToSendInClearText()
    {
        var user = await factory.CreateUserAsync();

        await factory.RequestResetAsync(user);

        var error = await factory.WaitForLogAsync("ErrorType");
        Assert.Contains("STARTTLS", error.Property("Error") ?? "", StringComparison.Ordinal);
        Assert.Empty(factory.Sink.MessagesTo(user.Email));
    }
}
