using Scriban;

namespace Modular.Core.Templates;

/// <summary>Where templates live and how their text is parsed; shared by the renderer and the start-up check of overrides.</summary>
internal static class TemplateFiles
{
    /// <summary>Template files end in <c>.scriban</c> (<c>invoice.html.scriban</c>), embedded and overridden alike.</summary>
    public const string Extension = ".scriban";

    /// <summary>
    /// Parses a template's text; <paramref name="source"/> names it in every error. A template that does not parse is a
    /// <see cref="TemplateException"/> at its first error.
    /// </summary>
    public static Template Parse(string text, string source)
    {
        var template = Template.Parse(text, source);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
            throw new TemplateException(source, first.Span.Start.Line + 1, first.Span.Start.Column + 1, first.Message);
        }

        return template;
    }

    /// <summary>
    /// Every problem of an override folder, one line each: a file that does not parse (file, line, reason), and a
    /// Handlebars file left from an earlier version, which would otherwise be ignored without a word.
    /// </summary>
    public static IEnumerable<string> CheckOverrides(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path);
            if (path.EndsWith(".hbs", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"'{relative}' is a Handlebars template, which is no longer read: templates are Scriban files " +
                             $"named '{{name}}{Extension}' (see docs/templates.md); convert it or remove it.";
                continue;
            }

            if (!path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string? problem = null;
            try
            {
                Parse(File.ReadAllText(path), path);
            }
            catch (TemplateException error)
            {
                problem = $"'{relative}' line {error.Line}, column {error.Column}: {error.Reason}";
            }

            if (problem is not null)
            {
                yield return problem;
            }
        }
    }
}
