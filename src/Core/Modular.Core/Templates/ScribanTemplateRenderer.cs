using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Diagnostics;
using Modular.Core.Localization;
using NodaTime;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Modular.Core.Templates;

/// <summary>
/// Scriban behind <see cref="ITemplateRenderer"/>, sandboxed (<see cref="TemplateSandbox"/>). Lookup order: the host's
/// override folder for the culture, then its culture-neutral file, then the module's embedded resource for the culture,
/// then the neutral one. Parsed templates are cached; overrides are read once per process.
/// </summary>
/// <remarks>
/// An override that fails while rendering (a limit reached, a function misused) is logged as an error with its file and
/// line, counted (<c>modular.templates.override_failures</c>) and replaced by the shipped template for that rendering:
/// the customer still gets a correct email or document, and the outbox does not retry a failure that would repeat.
/// Overrides that do not parse never get this far: the host refuses to start (<see cref="TemplateOptions"/>).
/// </remarks>
internal sealed partial class ScribanTemplateRenderer : ITemplateRenderer
{
    private static readonly Counter<long> OverrideFailures = ModularDiagnostics.Meter.CreateCounter<long>(
        "modular.templates.override_failures", description: "Renderings of an override template that failed and fell back to the shipped template.");

    private readonly Dictionary<string, TemplateSource> _sources;
    private readonly TemplateOptions _options;
    private readonly string _defaultCulture;
    private readonly DateTimeZone _zone;
    private readonly ILogger<ScribanTemplateRenderer> _logger;
    private readonly ScriptObject _builtins = TemplateSandbox.CreateBuiltins();
    private readonly ConcurrentDictionary<string, Candidates> _cache = new();

    public ScribanTemplateRenderer(IEnumerable<TemplateSource> sources, IOptions<TemplateOptions> options, IOptions<LocalizationOptions> localization,
        DateTimeZone zone, ILogger<ScribanTemplateRenderer> logger)
    {
        _sources = sources.GroupBy(s => s.Module, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _options = options.Value;
        _defaultCulture = localization.Value.DefaultCulture;
        _zone = zone;
        _logger = logger;
    }

    public Task<string> RenderAsync(string module, string name, object model, string? culture = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = Language(culture);
        var found = Find(module, name, language);
        if (found.Override is null && found.OverrideError is null && found.Shipped is null)
        {
            throw new TemplateNotFoundException(module, name, language);
        }

        var html = name.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
        var failure = found.OverrideError;
        if (found.Override is { } custom)
        {
            try
            {
                return Task.FromResult(Render(custom, html, language, model, cancellationToken));
            }
            catch (TemplateException error) when (found.Shipped is not null)
            {
                failure = error;
            }
        }

        if (failure is not null)
        {
            if (found.Shipped is null)
            {
                throw failure;
            }

            OverrideFailures.Add(1, new KeyValuePair<string, object?>("module", module), new KeyValuePair<string, object?>("template", name));
            LogOverrideFailed(failure, failure.File, failure.Line, failure.Reason);
        }

        return Task.FromResult(Render(found.Shipped!, html, language, model, cancellationToken));
    }

    public bool Exists(string module, string name, string? culture = null) =>
        Find(module, name, Language(culture)) is { } found && (found.Override is not null || found.OverrideError is not null || found.Shipped is not null);

    private string Render(Loaded template, bool html, string language, object model, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.TimeLimit);
        var context = new TemplateSandbox(_builtins, html, CultureFormats.Regional(language), _zone, _options, limit.Token);
        context.PushGlobal(TemplateModel.From(model));
        try
        {
            return template.Template.Render(context);
        }
        catch (ScriptAbortException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ScriptAbortException error)
        {
            throw new TemplateException(template.Source, error.Span.Start.Line + 1, error.Span.Start.Column + 1,
                $"stopped after the time limit of {_options.TimeLimit.TotalSeconds:0.###} s (Modular:Templates:TimeLimit).", error);
        }
        catch (ScriptRuntimeException error)
        {
            throw new TemplateException(template.Source, error.Span.Start.Line + 1, error.Span.Start.Column + 1, error.OriginalMessage, error);
        }
    }

    private string Language(string? culture)
    {
        var language = CultureFormats.Language(culture ?? _defaultCulture);
        return LocalizationOptions.Supported.Contains(language) ? language : _defaultCulture;
    }

    private Candidates Find(string module, string name, string language)
    {
        if (!SafeName().IsMatch(module) || !SafeName().IsMatch(name))
        {
            throw new ArgumentException($"'{module}/{name}' is not a template name (letters, digits, '.', '-', '_').");
        }

        return _cache.GetOrAdd($"{module}|{language}|{name}", _ =>
        {
            var (custom, error) = LoadOverride(module, name, language);
            return new Candidates(custom, error, LoadShipped(module, name, language));
        });
    }

    private (Loaded? Template, TemplateException? Error) LoadOverride(string module, string name, string language)
    {
        if (_options.OverrideDirectory is not { } folder)
        {
            return (null, null);
        }

        foreach (var path in new[] { Path.Combine(folder, module, language, name + TemplateFiles.Extension), Path.Combine(folder, module, name + TemplateFiles.Extension) })
        {
            if (File.Exists(path))
            {
                var full = Path.GetFullPath(path);
                try
                {
                    return (new Loaded(full, TemplateFiles.Parse(File.ReadAllText(full), full)), null);
                }
                catch (TemplateException error)
                {
                    // Changed since the start-up check: fall back like any failing override.
                    return (null, error);
                }
            }
        }

        return (null, null);
    }

    private Loaded? LoadShipped(string module, string name, string language)
    {
        if (!_sources.TryGetValue(module, out var source))
        {
            return null;
        }

        foreach (var resource in new[] { $"templates/{language}/{name}{TemplateFiles.Extension}", $"templates/{name}{TemplateFiles.Extension}" })
        {
            using var stream = source.Assembly.GetManifestResourceStream(resource);
            if (stream is not null)
            {
                using var reader = new StreamReader(stream);
                var display = $"{module}:{resource}";
                return new Loaded(display, TemplateFiles.Parse(reader.ReadToEnd(), display));
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex SafeName();

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Template override {Source} failed at line {Line} ({Reason}); the shipped template was used instead. Fix the file; see docs/templates.md.")]
    private partial void LogOverrideFailed(Exception error, string source, int line, string reason);

    private sealed record Loaded(string Source, Template Template);

    private sealed record Candidates(Loaded? Override, TemplateException? OverrideError, Loaded? Shipped);
}
