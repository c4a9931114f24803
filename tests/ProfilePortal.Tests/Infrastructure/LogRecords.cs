using Microsoft.Extensions.Logging.Testing;

namespace ProfilePortal.Tests.Infrastructure;

public static class LogRecords
{
    /// <summary>
    /// Everything a log record carries as one string: level, category, message, exception and every property. The
    /// JSON log file writes all properties, so "no secret in the logs" checks look at all of them, not only the message.
    /// </summary>
    public static string Text(this FakeLogRecord record)
    {
        var properties = record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [];
        return $"{record.Level} {record.Category}: {record.Message} {record.Exception} {string.Join(' ', properties)}";
    }

    /// <summary>
    /// A property of the event as logged (the value, unquoted). Prefer it to matching the message: the app logs through
    /// Serilog, whose rendering for other providers quotes string values ("Subject" becomes "\"Welcome\"").
    /// </summary>
    public static string? Property(this FakeLogRecord record, string name)
        => record.StructuredState?.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>The records of one category, e.g. the request event's "Serilog.AspNetCore.RequestLoggingMiddleware".</summary>
    public static IEnumerable<FakeLogRecord> Of(this FakeLogCollector logs, string category)
        => logs.GetSnapshot().Where(r => r.Category == category);
}
