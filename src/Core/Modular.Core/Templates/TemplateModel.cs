using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Modular.Core.Money;
using NodaTime;
using Scriban.Runtime;

namespace Modular.Core.Templates;

/// <summary>
/// Copies a model into plain template values before rendering, so a template reaches the data it was given and nothing
/// else: no method, no property of a framework type, no object graph beyond the model. Names become snake_case.
/// </summary>
internal static class TemplateModel
{
    private const int MaxDepth = 16;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static ScriptObject From(object model) =>
        Convert(model, 0) as ScriptObject ?? throw new ArgumentException($"A template model must be an object or a dictionary, not {model.GetType().Name}.", nameof(model));

    /// <summary>The name a template uses for a model member or key: <c>invoiceNumber</c> and <c>InvoiceNumber</c> → <c>invoice_number</c>.</summary>
    public static string NameOf(string member) => StandardMemberRenamer.Rename(member);

    private static object? Convert(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The template model is nested deeper than {MaxDepth} levels (a cycle?).");
        }

        switch (value)
        {
            case null:
                return null;
            case string or bool or char or decimal or double or float or int or long or short or byte or uint or ulong or ushort or sbyte:
            case Money.Money or LocalDate or LocalDateTime or LocalTime or Instant or ZonedDateTime or YearMonth or RawHtml:
                return value;
            case Currency currency:
                return currency.Code;
            case DateOnly date: // BCL dates become NodaTime's, so the date function formats them like any other
                return LocalDate.FromDateOnly(date);
            case DateTime time:
                return time.Kind == DateTimeKind.Utc ? Instant.FromDateTimeUtc(time) : LocalDateTime.FromDateTime(time);
            case DateTimeOffset offset:
                return Instant.FromDateTimeOffset(offset);
            case Enum or Guid or TimeSpan or Uri:
                return System.Convert.ToString(value, CultureInfo.InvariantCulture);
            case IDictionary dictionary:
                var entries = new ScriptObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    entries[NameOf(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty)] = Convert(entry.Value, depth + 1);
                }

                return entries;
            case IEnumerable items:
                var list = new ScriptArray();
                foreach (var item in items)
                {
                    list.Add(Convert(item, depth + 1));
                }

                return list;
        }

        var type = value.GetType();
        if (IsFrameworkType(type))
        {
            return System.Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        var members = new ScriptObject();
        foreach (var property in Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray()))
        {
            members[NameOf(property.Name)] = Convert(property.GetValue(value), depth + 1);
        }

        return members;
    }

    private static bool IsFrameworkType(Type type) =>
        type.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal));
}

/// <summary>Markup a template writes as it is (its <c>raw</c> function); everything else in an HTML template is escaped.</summary>
public sealed record RawHtml(string Html)
{
    public override string ToString() => Html;
}
