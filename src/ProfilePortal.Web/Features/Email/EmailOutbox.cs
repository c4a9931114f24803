using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Email;

/// <summary>
/// Mail to send, handed over by request handlers and sent by <see cref="EmailDeliveryService"/> in the background:
/// a request never waits for SMTP or the disk, so whether it sent a message cannot be read from its timing (a reset
/// request for an existing account answers as fast as one for an unknown account). Kept in memory: messages still
/// queued when the process dies are lost (the person asks again).
/// </summary>
public sealed partial class EmailOutbox(IOptions<EmailOptions> options, ILogger<EmailOutbox> logger)
{
    private readonly Channel<EmailMessage> _channel = Channel.CreateBounded<EmailMessage>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<EmailMessage> Reader => _channel.Reader;

    /// <summary>Queues the message without waiting; when the queue is full or closed, the message is dropped and logged.</summary>
    public void Enqueue(EmailMessage message)
    {
        if (!_channel.Writer.TryWrite(message)) LogDropped(logger, message.Subject);
    }

    /// <summary>No more messages are accepted; those already queued are still sent.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    [LoggerMessage(Level = LogLevel.Error, Message = "Email '{Subject}' was not queued: the queue is full or the app is stopping")]
    private static partial void LogDropped(ILogger logger, string subject);
}

/// <summary>Sends queued mail one message at a time through <see cref="IEmailSender"/>; at shutdown it sends what is left.</summary>
public sealed partial class EmailDeliveryService(EmailOutbox outbox, IEmailSender sender, ILogger<EmailDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by stoppingToken: the loop ends when StopAsync closes the queue and the last message is out.
        await foreach (var message in outbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await sender.SendAsync(message, stoppingToken);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Subject and error only: the body holds the reset link.
                LogFailed(logger, message.Subject, exception.GetType().Name, exception.Message);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        outbox.Complete();
        if (ExecuteTask is { } running)
        {
            // Sends what is queued until the host's shutdown timeout; then base.StopAsync cancels the send in progress.
            await Task.WhenAny(running, Task.Delay(Timeout.Infinite, cancellationToken));
        }

        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Email '{Subject}' could not be sent: {ErrorType}: {Error}")]
    private static partial void LogFailed(ILogger logger, string subject, string errorType, string error);
}
