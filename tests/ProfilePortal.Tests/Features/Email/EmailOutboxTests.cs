using System.Collections.Concurrent;
using System.Net;
using System.Net.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Email;

namespace ProfilePortal.Tests.Features.Email;

/// <summary>
/// The app with a sender the test controls: mail to an address starting with "fail-" fails as an SMTP server would
/// refuse it; other mail waits at <see cref="Gate"/> until the test opens it.
/// </summary>
public sealed class ControlledEmailFactory : PortalFactory, IEmailSender
{
    public TaskCompletionSource Gate { get; private set; } = Opened();
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public void CloseGate() => Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    async Task IEmailSender.SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (message.To.StartsWith("fail-", StringComparison.Ordinal)) throw new SmtpException(SmtpStatusCode.MailboxUnavailable, "Mailbox unavailable");
        await Gate.Task.WaitAsync(cancellationToken);
        Sent.Enqueue(message);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(this);
        });
    }

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}

public class EmailOutboxTests(ControlledEmailFactory factory) : IClassFixture<ControlledEmailFactory>
{
    [Fact]
    public async Task PostForgotPassword_SenderStillBusy_AnswersAtOnceAndTheMailFollows()
    {
        var user = await factory.CreateUserAsync();
        factory.CloseGate();
        try
        {
            var response = await factory.CreateBrowserClient()
                .SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = user.Email })
                .WaitAsync(TimeSpan.FromSeconds(30));

            // The request did not wait for the send, which is still held at the gate.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.DoesNotContain(factory.Sent, m => m.To == user.Email);
        }
        finally
        {
            factory.Gate.SetResult();
        }

        await Eventually.TrueAsync(() => factory.Sent.Any(m => m.To == user.Email), "the message to the first person sent");
    }

    [Fact]
    public async Task Delivery_SenderFails_IsLoggedWithoutTheBodyAndLaterMailStillGoesOut()
    {
        var failing = await factory.CreateUserAsync(u => u.Email = $"fail-{Guid.NewGuid():N}@example.test");
        var next = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();

        var response = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = failing.Email });
        await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = next.Email });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.TrueAsync(() => factory.Sent.Any(m => m.To == next.Email), "the message to the next person sent");
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.Contains("could not be sent", StringComparison.Ordinal)
            && r.Property("Subject") == "Reset your ProfilePortal password" && r.Property("ErrorType") == "SmtpException");
        // The body carries the reset link: it never reaches the log.
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Text().Contains("ResetPassword?", StringComparison.Ordinal));
    }
}
