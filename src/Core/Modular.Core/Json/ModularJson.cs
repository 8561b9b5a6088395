using System.Text.Json;
using System.Text.Json.Serialization;
using Modular.Core.Money;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Modular.Core.Json;

/// <summary>
/// JSON for hosts (minimal APIs, controllers, clients): camelCase, enums as strings, NodaTime values as ISO text through
/// NodaTime's own converters (instants <c>2026-11-25T10:00:00Z</c>, dates <c>2026-11-25</c>, periods <c>2026-11</c>,
/// zones by TZDB id), currencies as their code. The outbox stores events in the same ISO forms.
/// </summary>
public static class ModularJson
{
    /// <summary>Options built once with <see cref="Configure"/>, for code that serializes outside a host.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Adds Modular's conventions to <paramref name="options"/> (e.g. a host's HTTP JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy ??= JsonNamingPolicy.CamelCase;
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        if (!options.Converters.OfType<CurrencyJsonConverter>().Any())
        {
            options.Converters.Add(new CurrencyJsonConverter());
        }

        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }

        return options;
    }

    private static JsonSerializerOptions Create()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class CurrencyJsonConverter : JsonConverter<Currency>
    {
        public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Currency.TryParse(reader.GetString(), out var currency) ? currency : throw new JsonException($"'{reader.GetString()}' is not a currency code.");

        public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
    }
}
