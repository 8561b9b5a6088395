using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Modular.Core.Events;
using Modular.Core.Money;
using NodaTime;
using NodaTime.Text;

namespace Modular.Core.Outbox;

/// <summary>JSON for outbox payloads, with NodaTime values in ISO form.</summary>
public static class IntegrationEventSerializer
{
    private static readonly ConcurrentDictionary<string, Type?> Types = new();
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    // Assembly.GetName builds a new AssemblyName on every call: too slow for bulk writers publishing per row.
    public static string TypeName(Type type) => Names.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    public static string Serialize(IIntegrationEvent integrationEvent) =>
        JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Options);

    public static IIntegrationEvent Deserialize(string typeName, string payload)
    {
        var type = Types.GetOrAdd(typeName, static name => Type.GetType(name, throwOnError: false))
            ?? throw new InvalidOperationException($"The event type '{typeName}' is not loaded in this host.");
        return (IIntegrationEvent)(JsonSerializer.Deserialize(payload, type, Options)
            ?? throw new InvalidOperationException($"The payload of a '{typeName}' event is empty."));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new PatternConverter<Instant>(InstantPattern.ExtendedIso));
        options.Converters.Add(new PatternConverter<LocalDate>(LocalDatePattern.Iso));
        options.Converters.Add(new PatternConverter<YearMonth>(YearMonthPattern.Iso));
        options.Converters.Add(new CurrencyJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <summary>A NodaTime value as its ISO text (NodaTime's System.Text.Json package is not available here).</summary>
    public sealed class PatternConverter<T>(IPattern<T> pattern) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            pattern.Parse(reader.GetString() ?? string.Empty).Value;

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(pattern.Format(value));
    }

    private sealed class CurrencyJsonConverter : JsonConverter<Currency>
    {
        public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Currency.Of(reader.GetString() ?? string.Empty);

        public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Code);
    }
}
