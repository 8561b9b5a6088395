using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modular.Core.Money;
using NodaTime;
using NodaTime.Text;

namespace Modular.Notifications.Dispatch;

/// <summary>
/// A template model kept with its message as JSON, read back with the same kinds of values: strings, booleans, numbers
/// (as decimals), lists of those, <see cref="LocalDate"/> (<c>{"$date":"2026-03-31"}</c>), <see cref="Instant"/>
/// (<c>{"$instant":…}</c>), <see cref="YearMonth"/> (<c>{"$month":"2026-03"}</c>) and <see cref="Money"/>
/// (<c>{"$money":"12.30","currency":"RON"}</c>), so the templates' <c>money</c> and <c>date</c> functions format them in
/// the reader's language when the message is sent.
/// </summary>
internal static class ModelJson
{
    public static string Write(IReadOnlyDictionary<string, object?> model)
    {
        var root = new JsonObject();
        foreach (var (key, value) in model)
        {
            root[key] = ToNode(value);
        }

        return root.ToJsonString();
    }

    public static Dictionary<string, object?> Read(string json)
    {
        var model = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (JsonNode.Parse(json) is JsonObject root)
        {
            foreach (var (key, node) in root)
            {
                model[key] = FromNode(node);
            }
        }

        return model;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int or long or short or byte or decimal or double or float => JsonValue.Create(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString()),
        Enum e => JsonValue.Create(e.ToString()),
        LocalDate d => new JsonObject { ["$date"] = LocalDatePattern.Iso.Format(d) },
        Instant i => new JsonObject { ["$instant"] = InstantPattern.ExtendedIso.Format(i) },
        YearMonth m => new JsonObject { ["$month"] = m.ToString("yyyy-MM", CultureInfo.InvariantCulture) },
        Money m => new JsonObject { ["$money"] = m.Amount.ToString(CultureInfo.InvariantCulture), ["currency"] = m.Currency.Code },
        IEnumerable<object?> items => new JsonArray(items.Select(ToNode).ToArray()),
        System.Collections.IEnumerable items => new JsonArray(items.Cast<object?>().Select(ToNode).ToArray()),
        _ => throw new ArgumentException($"A notification model value cannot be a {value.GetType().Name}."),
    };

    private static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray array:
                return array.Select(FromNode).ToList();
            case JsonObject o when o["$date"] is { } d:
                return LocalDatePattern.Iso.Parse(d.GetValue<string>()).Value;
            case JsonObject o when o["$instant"] is { } i:
                return InstantPattern.ExtendedIso.Parse(i.GetValue<string>()).Value;
            case JsonObject o when o["$month"] is { } m:
                var parts = m.GetValue<string>().Split('-');
                return new YearMonth(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            case JsonObject o when o["$money"] is { } amount:
                return Money.Of(decimal.Parse(amount.GetValue<string>(), CultureInfo.InvariantCulture), o["currency"]!.GetValue<string>());
            case JsonObject o:
                return o.ToDictionary(p => p.Key, p => FromNode(p.Value));
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return v.GetValue<bool>();
            case JsonValue v:
                return v.GetValue<decimal>();
        }

        return null;
    }
}
