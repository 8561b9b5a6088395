using System.Collections.Concurrent;
using System.Globalization;
using HandlebarsDotNet;
using Microsoft.Extensions.Options;
using Modular.Core.Localization;
using NodaTime;
using NodaTime.Text;

namespace Modular.Core.Templates;

/// <summary>
/// Handlebars.Net behind <see cref="ITemplateRenderer"/>. Lookup order: the host's override folder for the culture,
/// then its culture-neutral file, then the module's embedded resource for the culture, then the neutral one.
/// Compiled templates are cached; overrides are read once per process.
/// </summary>
internal sealed class HandlebarsTemplateRenderer : ITemplateRenderer
{
    private readonly Dictionary<string, TemplateSource> _sources;
    private readonly string? _overrides;
    private readonly string _defaultCulture;
    private readonly IHandlebars _html;
    private readonly IHandlebars _text;
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>?> _cache = new();

    public HandlebarsTemplateRenderer(IEnumerable<TemplateSource> sources, IOptions<TemplateOptions> options, IOptions<LocalizationOptions> localization)
    {
        _sources = sources.GroupBy(s => s.Module, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _overrides = options.Value.OverrideDirectory;
        _defaultCulture = localization.Value.DefaultCulture;
        _html = Handlebars.Create(new HandlebarsConfiguration());
        _text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
        foreach (var engine in new[] { _html, _text })
        {
            RegisterHelpers(engine);
        }
    }

    public Task<string> RenderAsync(string module, string name, object model, string? culture = null, CancellationToken cancellationToken = default)
    {
        var resolvedCulture = culture ?? _defaultCulture;
        var template = Find(module, name, resolvedCulture) ?? throw new TemplateNotFoundException(module, name, resolvedCulture);
        return Task.FromResult(template(model));
    }

    public bool Exists(string module, string name, string? culture = null) => Find(module, name, culture ?? _defaultCulture) is not null;

    private HandlebarsTemplate<object, object>? Find(string module, string name, string culture) =>
        _cache.GetOrAdd($"{module}|{culture}|{name}", _ =>
        {
            var source = Load(module, name, culture);
            return source is null ? null : (name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? _html : _text).Compile(source);
        });

    private string? Load(string module, string name, string culture)
    {
        if (_overrides is not null)
        {
            foreach (var path in new[] { Path.Combine(_overrides, module, culture, name + ".hbs"), Path.Combine(_overrides, module, name + ".hbs") })
            {
                if (File.Exists(path))
                {
                    return File.ReadAllText(path);
                }
            }
        }

        if (!_sources.TryGetValue(module, out var source))
        {
            return null;
        }

        foreach (var resource in new[] { $"templates/{culture}/{name}.hbs", $"templates/{name}.hbs" })
        {
            using var stream = source.Assembly.GetManifestResourceStream(resource);
            if (stream is not null)
            {
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
        }

        return null;
    }

    private static void RegisterHelpers(IHandlebars engine)
    {
        // {{money amount "RON"}} and {{money someMoney}}: two decimals, invariant digits, currency code after.
        engine.RegisterHelper("money", (writer, _, arguments) =>
        {
            var text = arguments.Length switch
            {
                > 0 when arguments[0] is Money.Money m => m.ToString(),
                > 1 => string.Create(CultureInfo.InvariantCulture, $"{Convert.ToDecimal(arguments[0], CultureInfo.InvariantCulture):F2} {arguments[1]}"),
                > 0 => string.Create(CultureInfo.InvariantCulture, $"{Convert.ToDecimal(arguments[0], CultureInfo.InvariantCulture):F2}"),
                _ => string.Empty,
            };
            writer.WriteSafeString(text);
        });

        // {{date someLocalDate}} as dd.MM.yyyy, the form used on Romanian and Latvian invoices.
        engine.RegisterHelper("date", (writer, _, arguments) =>
        {
            var text = arguments.Length > 0 ? arguments[0] switch
            {
                LocalDate d => LocalDatePattern.CreateWithInvariantCulture("dd.MM.yyyy").Format(d),
                Instant i => i.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty,
            } : string.Empty;
            writer.WriteSafeString(text);
        });

        // {{number value 3}}: fixed decimals, invariant.
        engine.RegisterHelper("number", (writer, _, arguments) =>
        {
            var decimals = arguments.Length > 1 ? Convert.ToInt32(arguments[1], CultureInfo.InvariantCulture) : 2;
            var value = arguments.Length > 0 ? Convert.ToDecimal(arguments[0], CultureInfo.InvariantCulture) : 0m;
            writer.WriteSafeString(value.ToString("F" + decimals, CultureInfo.InvariantCulture));
        });
    }
}
