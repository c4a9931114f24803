using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Sessions;

/// <summary>Deletes ended (expired or idle) session rows hourly; an ended session is refused anyway, this only keeps the table small.</summary>
public sealed partial class ExpiredSessionCleanup(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptionsMonitor<SessionOptions> options,
    ILogger<ExpiredSessionCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCleanupFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var at = new SessionClock(clock.GetUtcNow().UtcDateTime, options.CurrentValue.IdleTimeout);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.UserSessions.Where(SessionRules.Ended.At(at)).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired sessions failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
