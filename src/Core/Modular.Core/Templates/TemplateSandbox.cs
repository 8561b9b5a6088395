using System.Globalization;
using System.Text;
using Modular.Core.Localization;
using NodaTime;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Modular.Core.Templates;

/// <summary>
/// One rendering's context. Templates are edited by utilities, so they run with no file, network or reflection access:
/// no template loader (<c>include</c> is refused), no <c>import</c>, no members of .NET objects (the model is copied
/// into plain values first, and member access on any other value is refused), loop, recursion, output and time limits, and a curated set of built-in functions. In HTML
/// templates every value written is escaped unless it is <see cref="RawHtml"/> (the <c>raw</c> function).
/// </summary>
internal sealed class TemplateSandbox : TemplateContext
{
    private readonly bool _html;

    public TemplateSandbox(ScriptObject builtins, bool html, CultureInfo culture, DateTimeZone zone, TemplateOptions options, CancellationToken cancellationToken)
        : base(builtins)
    {
        _html = html;
        Zone = zone;
        LoopLimit = options.LoopLimit;
        LoopLimitQueryable = options.LoopLimit;
        RecursiveLimit = options.RecursionLimit;
        OutputLimit = options.OutputLimit;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        LimitToString = options.OutputLimit;
        RegexTimeOut = options.TimeLimit;
        MemberFilter = static _ => false;
        TemplateLoader = RefusingLoader.Instance;
        CancellationToken = cancellationToken;
        PushCulture(culture);
    }

    /// <summary>The utility's time zone, in which instants are shown.</summary>
    public DateTimeZone Zone { get; }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => base.Write(span, Escaped(textAsObject));

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => base.WriteAsync(span, Escaped(textAsObject));

    /// <summary>Objects and lists of the model answer as usual; any other value (text, a number, a date) has no members.</summary>
    protected override IObjectAccessor GetMemberAccessorImpl(object target) =>
        target is IScriptObject or System.Collections.IDictionary or System.Collections.IList ? base.GetMemberAccessorImpl(target)! : NoMembers.Instance;

    public override void Import(SourceSpan span, object objectToImport) =>
        throw new ScriptRuntimeException(span, "'import' is not available in templates: they see only their model and the documented functions.");

    /// <summary>What a value looks like when written without a function: the same as through the formatting functions.</summary>
    public override string? ObjectToString(object? value, bool nested = false) => value switch
    {
        Money.Money money => CultureFormats.Money(money, CurrentCulture),
        decimal number => CultureFormats.Number(number, CurrentCulture),
        double number when double.IsFinite(number) && Math.Abs(number) < 7.9e28 => CultureFormats.Number((decimal)number, CurrentCulture),
        LocalDate date => CultureFormats.Date(date, CurrentCulture),
        LocalDateTime dateTime => CultureFormats.DateTime(dateTime, CurrentCulture),
        Instant instant => CultureFormats.DateTime(instant, Zone, CurrentCulture),
        ZonedDateTime zoned => CultureFormats.DateTime(zoned.LocalDateTime, CurrentCulture),
        YearMonth month => CultureFormats.Month(month, CurrentCulture),
        LocalTime time => time.ToString("t", CurrentCulture),
        RawHtml raw => raw.Html,
        _ => base.ObjectToString(value, nested),
    };

    private object? Escaped(object? value) => value switch
    {
        _ when !_html => value,
        null => null,
        RawHtml raw => raw.Html,
        IScriptOutput => value, // a capture of the template's own output, escaped when it was written
        _ => HtmlEncode(ObjectToString(value)),
    };

    /// <summary>Escapes what could end an element or an attribute; letters with diacritics stay as they are.</summary>
    public static string HtmlEncode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text ?? string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The built-in functions templates get: Scriban's, less what reaches outside or is not deterministic, plus ours.</summary>
    public static ScriptObject CreateBuiltins()
    {
        var builtins = GetDefaultBuiltinObject();
        builtins.Remove("date"); // replaced by our culture-aware date; its date.now would read the machine's clock
        builtins.Remove("timespan");
        Without(builtins, "object", "eval", "eval_template"); // would run model text as a template
        Without(builtins, "math", "random", "uuid");
        builtins.Import(typeof(TemplateFunctions));
        var html = Group(builtins, "html");
        html.Remove("escape"); // Scriban's encodes letters such as â and î as numeric entities
        html.Import("escape", new Func<string?, string>(HtmlEncode));
        Freeze(builtins);
        return builtins;
    }

    private static ScriptObject Group(ScriptObject builtins, string name) =>
        builtins[name] as ScriptObject ?? throw new InvalidOperationException($"Scriban has no built-in '{name}'.");

    private static void Without(ScriptObject builtins, string group, params string[] functions)
    {
        var members = Group(builtins, group);
        foreach (var function in functions)
        {
            members.Remove(function);
        }
    }

    // Shared by every rendering: no template may change a built-in for the next one.
    private static void Freeze(ScriptObject members)
    {
        foreach (var name in members.GetMembers())
        {
            if (members[name] is ScriptObject nested)
            {
                Freeze(nested);
            }
        }

        members.IsReadOnly = true;
    }

    /// <summary>Refuses member access on values, so reaching into a .NET object is an error rather than a silent blank.</summary>
    private sealed class NoMembers : IObjectAccessor
    {
        public static readonly NoMembers Instance = new();

        public bool HasIndexer => false;

        public Type IndexType => typeof(object);

        public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => 0;

        public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => [];

        public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => false;

        public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object value) =>
            throw Refused(span, target, member);

        public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) =>
            throw Refused(span, target, member);

        public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object value) =>
            throw Refused(span, target, "[]");

        public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) =>
            throw Refused(span, target, "[]");

        private static ScriptRuntimeException Refused(SourceSpan span, object target, string member) =>
            new(span, $"'{member}' is not available: a {target.GetType().Name} value has no members in templates; format it with money, number, percent or date.");
    }

    private sealed class RefusingLoader : ITemplateLoader
    {
        public static readonly RefusingLoader Instance = new();

        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
            throw new ScriptRuntimeException(callerSpan, $"'include' is not available in templates (asked for '{templateName}'): a template cannot read files.");

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, "'include' is not available in templates: a template cannot read files.");

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, "'include' is not available in templates: a template cannot read files.");
    }
}
