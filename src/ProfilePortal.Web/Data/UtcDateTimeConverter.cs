using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ProfilePortal.Web.Data;

/// <summary>Stores DateTime as UTC and reads it back with Kind=Utc (the column type stays the provider's DateTime type).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
