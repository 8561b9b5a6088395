using System.Text.Json;
using System.Text.Json.Serialization;
using Modular.Core.Money;
using NodaTime;
using NodaTime.Text;

namespace Modular.Web.Api;

/// <summary>
/// JSON for the API: camelCase, enums as strings, NodaTime values as ISO text (instants "2026-11-25T10:00:00Z",
/// dates "2026-11-25", periods "2026-11"), money as <c>{"amount": 12.34, "currency": "RON"}</c>.
/// </summary>
internal static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new PatternConverter<Instant>(InstantPattern.General));
        options.Converters.Add(new PatternConverter<LocalDate>(LocalDatePattern.Iso));
        options.Converters.Add(new PatternConverter<YearMonth>(YearMonthPattern.Iso));
        options.Converters.Add(new CurrencyConverter());
    }

    private sealed class PatternConverter<T>(IPattern<T> pattern) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            pattern.Parse(reader.GetString() ?? string.Empty).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(pattern.Format(value));
    }

    private sealed class CurrencyConverter : JsonConverter<Currency>
    {
        public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Currency.Of(reader.GetString() ?? string.Empty);

        public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
    }
}
