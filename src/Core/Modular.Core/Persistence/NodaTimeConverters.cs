using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Core.Persistence;

// NodaTime's EF plugin for Npgsql is not available here, and SQLite has none: these converters give both
// providers the same columns (timestamptz/TEXT for instants, date/TEXT for dates), ordered like the values.

internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    i => i.ToDateTimeUtc(),
    d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)));

internal sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    d => d.ToDateOnly(),
    d => LocalDate.FromDateOnly(d));

internal sealed class YearMonthConverter() : ValueConverter<YearMonth, int>(
    ym => (ym.Year * 100) + ym.Month,
    v => new YearMonth(v / 100, v % 100));

internal sealed class CurrencyConverter() : ValueConverter<Currency, string>(
    c => c.Code,
    s => Currency.Of(s));
