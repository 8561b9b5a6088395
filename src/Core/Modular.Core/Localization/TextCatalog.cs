using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Modular.Core.Results;

namespace Modular.Core.Localization;

/// <summary>An assembly whose embedded <c>texts/{culture}.json</c> resources join the catalog.</summary>
public sealed record TextSource(Assembly Assembly);

/// <summary>Localized texts (error messages, labels, email subjects) by key and culture.</summary>
public interface ITextCatalog
{
    /// <summary>The text for <paramref name="key"/> in <paramref name="culture"/>, falling back to the default culture, then English, then the key.</summary>
    string Get(string key, string? culture = null, IReadOnlyDictionary<string, object?>? arguments = null);

    bool Contains(string key, string culture);

    /// <summary>The localized message of an error, its placeholders filled from <see cref="Error.Arguments"/>.</summary>
    string Describe(Error error, string? culture = null) => Get(error.Code, culture, error.Arguments);
}

internal sealed partial class TextCatalog : ITextCatalog
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byCulture;
    private readonly string _default;

    public TextCatalog(IEnumerable<TextSource> sources, IOptions<LocalizationOptions> options)
    {
        _default = options.Value.DefaultCulture;
        var merged = LocalizationOptions.Supported.ToDictionary(c => c, _ => new Dictionary<string, string>());
        foreach (var assembly in sources.Select(s => s.Assembly).Distinct())
        {
            foreach (var culture in LocalizationOptions.Supported)
            {
                using var stream = assembly.GetManifestResourceStream($"texts/{culture}.json");
                if (stream is not null)
                {
                    Merge(merged[culture], JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!);
                }
            }
        }

        if (options.Value.OverrideDirectory is { } folder)
        {
            foreach (var culture in LocalizationOptions.Supported)
            {
                var path = Path.Combine(folder, culture + ".json");
                if (File.Exists(path))
                {
                    Merge(merged[culture], JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!);
                }
            }
        }

        _byCulture = merged.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary());
    }

    public bool Contains(string key, string culture) =>
        _byCulture.TryGetValue(Normalize(culture), out var texts) && texts.ContainsKey(key);

    public string Get(string key, string? culture = null, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        var language = Normalize(culture ?? CultureInfo.CurrentUICulture.Name);
        var text = Lookup(key, language) ?? Lookup(key, _default) ?? Lookup(key, "en") ?? key;
        if (arguments is null || arguments.Count == 0)
        {
            return text;
        }

        var regional = CultureFormats.Regional(language);
        return Placeholder().Replace(text, m =>
            arguments.TryGetValue(m.Groups[1].Value, out var value) ? Format(value, regional) : m.Value);
    }

    /// <summary>
    /// Values are formatted in the message's culture, the same way pages and documents do (<see cref="CultureFormats"/>):
    /// a quantity reads <c>11,785</c> in Romanian beside a page's <c>11,785 m³</c>. Whole numbers stay ungrouped (counts,
    /// years); anything else is written as it is.
    /// </summary>
    private static string Format(object? value, CultureInfo culture) => value switch
    {
        null => string.Empty,
        decimal number => CultureFormats.Number(number, culture),
        Money.Money money => CultureFormats.Money(money, culture),
        NodaTime.LocalDate date => CultureFormats.Date(date, culture),
        NodaTime.YearMonth month => CultureFormats.Month(month, culture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private string? Lookup(string key, string culture) =>
        _byCulture.TryGetValue(culture, out var texts) && texts.TryGetValue(key, out var text) ? text : null;

    private static string Normalize(string culture)
    {
        var dash = culture.IndexOf('-');
        return (dash > 0 ? culture[..dash] : culture).ToLowerInvariant();
    }

    private static void Merge(Dictionary<string, string> target, Dictionary<string, string> source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
