using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Localization;
using Modular.Core.Templates;
using Modular.Core.Tests.TestModule;
using NodaTime;

namespace Modular.Core.Tests;

/// <summary>The renderer as Core composes it, built directly so sandbox cases need no host; override folders in temp.</summary>
internal static class Templates
{
    public static ScribanTemplateRenderer Renderer(string? overrides = null, Action<TemplateOptions>? configure = null, ILogger<ScribanTemplateRenderer>? logger = null)
    {
        var options = new TemplateOptions { OverrideDirectory = overrides };
        configure?.Invoke(options);
        return new ScribanTemplateRenderer([new TemplateSource("Counters", typeof(CountersModule).Assembly)], Options.Create(options),
            Options.Create(new LocalizationOptions()), DateTimeZoneProviders.Tzdb["Europe/Bucharest"],
            logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<ScribanTemplateRenderer>.Instance);
    }

    /// <summary>A new override folder with the given files (<c>Module/[culture/]name</c> → text), each saved as <c>name.scriban</c>.</summary>
    public static string Overrides(params (string Name, string Text)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("modular-templates").FullName;
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name.Replace('/', Path.DirectorySeparatorChar) + ".scriban");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        return folder;
    }
}

/// <summary>Keeps the renderer's error log lines so a test can read what an operator would.</summary>
internal sealed class ListLogger : ILogger<ScribanTemplateRenderer>
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            lock (_errors)
            {
                _errors.Add(formatter(state, exception));
            }
        }
    }
}
