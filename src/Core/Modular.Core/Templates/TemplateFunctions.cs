using System.Globalization;
using Modular.Core.Localization;
using NodaTime;
using NodaTime.Text;
using Scriban;
using Scriban.Syntax;

namespace Modular.Core.Templates;

/// <summary>
/// The formatting functions of every template, in the template's culture (<see cref="CultureFormats"/>): the one way a
/// template turns amounts, quantities and dates into text. Names as templates call them: <c>money</c>, <c>number</c>,
/// <c>percent</c>, <c>date</c>, <c>raw</c>.
/// </summary>
internal static class TemplateFunctions
{
    /// <summary><c>{{ money total }}</c> for a Money; <c>{{ money 12.5 "RON" }}</c> for a number and a currency code.</summary>
    public static string Money(TemplateContext context, object? value, string? currency = null) => value switch
    {
        null => string.Empty,
        Money.Money money => CultureFormats.Money(money, context.CurrentCulture),
        _ when currency is not null && Modular.Core.Money.Currency.TryParse(currency, out var code) =>
            CultureFormats.Money(new Money.Money(Decimal(context, value), code), context.CurrentCulture),
        _ when currency is not null => throw Fail(context, $"money: '{currency}' is not a currency code."),
        _ => CultureFormats.Number(Decimal(context, value), 2, context.CurrentCulture),
    };

    /// <summary>
    /// <c>{{ number index 3 }}</c>: that many decimals; <c>{{ number price 2 4 }}</c>: at least 2, at most 4;
    /// <c>{{ number value }}</c>: as many as the value has.
    /// </summary>
    public static string Number(TemplateContext context, object? value, object? decimals = null, object? maxDecimals = null)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var number = Decimal(context, value);
        if (decimals is null)
        {
            return CultureFormats.Number(number, context.CurrentCulture);
        }

        var least = Places(context, decimals);
        if (maxDecimals is null)
        {
            return CultureFormats.Number(number, least, context.CurrentCulture);
        }

        var most = Places(context, maxDecimals);
        return most >= least
            ? CultureFormats.Number(number, least, most, context.CurrentCulture)
            : throw Fail(context, $"number: at most {most} decimals is fewer than at least {least}.");
    }

    /// <summary><c>{{ percent vat_rate }}</c>: a fraction as a percentage, <c>0.19</c> → <c>19 %</c> (ro).</summary>
    public static string Percent(TemplateContext context, object? value) =>
        value is null ? string.Empty : CultureFormats.Percent(Decimal(context, value), context.CurrentCulture);

    /// <summary>
    /// <c>{{ date due_date }}</c>: the culture's short date; <c>"long"</c>, <c>"month"</c> (month and year) or a NodaTime
    /// pattern (<c>"dd MMMM"</c>) as the second argument. Instants are shown in the utility's time zone.
    /// </summary>
    public static string Date(TemplateContext context, object? value, string? format = null)
    {
        var culture = context.CurrentCulture;
        try
        {
            return (value, format) switch
            {
                (null, _) => string.Empty,
                (LocalDate d, null or "short") => CultureFormats.Date(d, culture),
                (LocalDate d, "long") => CultureFormats.LongDate(d, culture),
                (LocalDate d, "month") => CultureFormats.Month(d.ToYearMonth(), culture),
                (LocalDate d, _) => LocalDatePattern.Create(format, culture).Format(d),
                (YearMonth m, null or "month" or "short") => CultureFormats.Month(m, culture),
                (YearMonth m, _) => YearMonthPattern.Create(format, culture).Format(m),
                (LocalDateTime t, _) => Date(context, t, format),
                (Instant i, _) => Date(context, i.InZone(((TemplateSandbox)context).Zone).LocalDateTime, format),
                (ZonedDateTime z, _) => Date(context, z.LocalDateTime, format),
                (string text, _) => text,
                _ => throw Fail(context, $"date: a {value.GetType().Name} is not a date."),
            };
        }
        catch (InvalidPatternException error)
        {
            throw Fail(context, $"date: '{format}' is not a date pattern ({error.Message})");
        }
    }

    /// <summary><c>{{ raw value }}</c>: writes markup as it is in an HTML template (only for markup the template trusts).</summary>
    public static RawHtml Raw(TemplateContext context, object? value) =>
        value as RawHtml ?? new RawHtml(value is null ? string.Empty : context.ObjectToString(value) ?? string.Empty);

    private static string Date(TemplateContext context, LocalDateTime value, string? format) => format switch
    {
        null or "short" => CultureFormats.DateTime(value, context.CurrentCulture),
        "long" or "month" => Date(context, value.Date, format),
        _ => LocalDateTimePattern.Create(format, context.CurrentCulture).Format(value),
    };

    private static int Places(TemplateContext context, object value)
    {
        var places = context.ToInt(Span(context), value);
        return places is >= 0 and <= 10 ? places : throw Fail(context, $"number: {places} decimals is not between 0 and 10.");
    }

    private static decimal Decimal(TemplateContext context, object value)
    {
        try
        {
            return value switch
            {
                decimal d => d,
                string s => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture),
                IConvertible c => c.ToDecimal(CultureInfo.InvariantCulture), // NaN and infinities throw OverflowException
                _ => throw new FormatException(),
            };
        }
        catch (Exception error) when (error is FormatException or InvalidCastException or OverflowException)
        {
            throw Fail(context, $"'{value}' is not a number.");
        }
    }

    private static ScriptRuntimeException Fail(TemplateContext context, string message) => new(Span(context), message);

    private static Scriban.Parsing.SourceSpan Span(TemplateContext context) => context.CurrentNode?.Span ?? default;
}
