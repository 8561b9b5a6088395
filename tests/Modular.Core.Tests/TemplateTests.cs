using Autofac;
using Microsoft.Extensions.Options;
using Modular.Core.Email;
using Modular.Core.Templates;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Rendering, escaping, cultures and overrides by file; the sandbox's limits are in <see cref="TemplateSandboxTests"/>.</summary>
public sealed class TemplateTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly object Model = new { name = "Ana <Popescu>", amount = 1234.456m, due = new LocalDate(2026, 12, 15) };

    [Theory]
    [InlineData("ro", "<p>Bună ziua Ana &lt;Popescu&gt;, aveți de plată 1.234,46 RON până la 15.12.2026.</p>")]
    [InlineData("en", "<p>Hello Ana &lt;Popescu&gt;, you owe 1,234.46 RON by 15/12/2026.</p>")]
    [InlineData("ro-RO", "<p>Bună ziua Ana &lt;Popescu&gt;, aveți de plată 1.234,46 RON până la 15.12.2026.</p>")]
    public async Task Embedded_templates_render_in_the_requested_culture_with_its_number_and_date_formats(string culture, string expected)
    {
        var renderer = Templates.Renderer();
        (await renderer.RenderAsync("Counters", "greeting.html", Model, culture)).Trim().ShouldBe(expected);
    }

    [Fact]
    public async Task A_culture_without_its_own_template_falls_back_to_the_neutral_one_and_keeps_its_formats()
    {
        var latvian = await Templates.Renderer().RenderAsync("Counters", "greeting.html", Model, "lv");
        latvian.ShouldStartWith("<p>Hello Ana &lt;Popescu&gt;, you owe 1");
        latvian.ShouldContain("234,46 RON by 15.12.2026.");
    }

    [Theory]
    [InlineData("de")]
    [InlineData("../../etc")]
    [InlineData("")]
    public async Task An_unknown_culture_renders_in_the_default_culture(string culture) =>
        (await Templates.Renderer().RenderAsync("Counters", "greeting.html", Model, culture)).ShouldStartWith("<p>Bună ziua");

    [Fact]
    public async Task Html_templates_escape_every_value_but_keep_diacritics()
    {
        var folder = Templates.Overrides(("Counters/page.html", "<a href=\"{{ link }}\" title='{{ name }}'>{{ name }}</a>{{ '<b>' }}"));
        var html = await Templates.Renderer(folder).RenderAsync("Counters", "page.html",
            new { name = "Ștefan \"Ș\" & 'Ț' <x>", link = "https://portal.example/reset?token=a&b=c" });
        html.ShouldBe("<a href=\"https://portal.example/reset?token=a&amp;b=c\" title='Ștefan &quot;Ș&quot; &amp; &#39;Ț&#39; &lt;x&gt;'>" +
                      "Ștefan &quot;Ș&quot; &amp; &#39;Ț&#39; &lt;x&gt;</a>&lt;b&gt;");
    }

    [Fact]
    public async Task Html_escape_keeps_diacritics_like_the_automatic_escaping()
    {
        var folder = Templates.Overrides(("Counters/escape.txt", "{{ html.escape name }}|{{ name }}"));
        (await Templates.Renderer(folder).RenderAsync("Counters", "escape.txt", new { name = "<Ștefan & Âna>" })).ShouldBe("&lt;Ștefan &amp; Âna&gt;|<Ștefan & Âna>");
    }

    [Fact]
    public async Task Renderings_at_the_same_time_each_get_their_own_model_and_culture()
    {
        var renderer = Templates.Renderer();
        var cultures = new[] { "ro", "en", "lv" };
        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            renderer.RenderAsync("Counters", "greeting.html", new { name = $"N{i}", amount = i + 0.5m, due = new LocalDate(2026, 12, 15) }, cultures[i % 3]))));
        for (var i = 0; i < results.Length; i++)
        {
            results[i].ShouldContain($"N{i}, ");
            results[i].ShouldContain(cultures[i % 3] == "en" ? $"{i}.50 RON" : $"{i},50 RON");
        }
    }

    [Fact]
    public async Task Text_templates_are_not_html_escaped() =>
        (await Templates.Renderer().RenderAsync("Counters", "greeting.subject", Model, "en")).Trim().ShouldBe("Invoice for Ana <Popescu>");

    [Fact]
    public async Task Markup_is_written_as_it_is_only_through_raw_or_when_the_model_marks_it()
    {
        var folder = Templates.Overrides(("Counters/qr.html", "{{ svg }}|{{ raw text }}|{{ text }}|{{ capture c }}<i>{{ text }}</i>{{ end }}{{ c }}"));
        var html = await Templates.Renderer(folder).RenderAsync("Counters", "qr.html", new { svg = new RawHtml("<svg/>"), text = "<b>" });
        html.ShouldBe("<svg/>|<b>|&lt;b&gt;|<i>&lt;b&gt;</i>");
    }

    [Theory]
    [InlineData("ro", "1.234,57 RON|7,5|11,785|19 %|9,5 %|25.11.2026|noiembrie 2026|25.11.2026 12:00|25 noiembrie")]
    [InlineData("en", "1,234.57 RON|7.5|11.785|19%|9.5%|25/11/2026|November 2026|25/11/2026 12:00|25 November")]
    public async Task Values_are_formatted_by_the_template_functions_in_the_template_culture(string culture, string expected)
    {
        var folder = Templates.Overrides(("Counters/formats.txt",
            "{{ money total }}|{{ number quantity }}|{{ number index 3 }}|{{ percent vat }}|{{ percent reduced }}|" +
            "{{ date day }}|{{ date period }}|{{ date at }}|{{ date day 'dd MMMM' }}"));
        var model = new
        {
            total = Money.Money.Of(1234.567m, "RON"), quantity = 7.50m, index = 11.7854m, vat = 0.19m, reduced = 0.095m,
            day = new LocalDate(2026, 11, 25), period = new YearMonth(2026, 11), at = Instant.FromUtc(2026, 11, 25, 10, 0),
        };
        (await Templates.Renderer(folder).RenderAsync("Counters", "formats.txt", model, culture)).ShouldBe(expected);
    }

    [Fact]
    public async Task Latvian_uses_a_decimal_comma_and_the_same_values_printed_bare_look_as_through_the_functions()
    {
        var folder = Templates.Overrides(("Counters/bare.txt", "{{ money total }}={{ total }}|{{ number index }}={{ index }}|{{ date day }}={{ day }}"));
        var text = await Templates.Renderer(folder).RenderAsync("Counters", "bare.txt",
            new { total = Money.Money.Of(96.45m, "EUR"), index = 11.785m, day = new LocalDate(2026, 11, 25) }, "lv");
        text.ShouldBe("96,45 EUR=96,45 EUR|11,785=11,785|25.11.2026=25.11.2026");
    }

    [Fact]
    public async Task Model_names_are_snake_case_whether_properties_or_dictionary_keys_and_lists_iterate()
    {
        var folder = Templates.Overrides(("Counters/lines.txt",
            "{{ invoice_number }}/{{ customer_name }}:{{ for line in lines }}[{{ line.service_name }} {{ money line.amount 'RON' }}]{{ end }}" +
            "{{ if has_pdf }}pdf{{ else }}no pdf{{ end }}"));
        var model = new Dictionary<string, object?>
        {
            ["invoiceNumber"] = "AP 42",
            ["CustomerName"] = "Ion",
            ["lines"] = new[] { new { ServiceName = "Apă", Amount = 10m }, new { ServiceName = "Canal", Amount = 5.5m } },
            ["hasPdf"] = false,
        };
        (await Templates.Renderer(folder).RenderAsync("Counters", "lines.txt", model, "ro")).ShouldBe("AP 42/Ion:[Apă 10,00 RON][Canal 5,50 RON]no pdf");
    }

    [Fact]
    public async Task A_host_overrides_a_template_by_file_for_one_culture_or_for_all()
    {
        var folder = Templates.Overrides(
            ("Counters/ro/greeting.html", "<h1>Apa Noastră</h1>{{ name }}"),
            ("Counters/greeting.subject", "Factura Apa Noastră pentru {{ name }}"));
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()),
            new Dictionary<string, string?> { ["Modular:Templates:OverrideDirectory"] = folder });
        var renderer = host.Container.Resolve<ITemplateRenderer>();

        (await renderer.RenderAsync("Counters", "greeting.html", Model, "ro")).ShouldBe("<h1>Apa Noastră</h1>Ana &lt;Popescu&gt;");
        (await renderer.RenderAsync("Counters", "greeting.html", Model, "en")).ShouldStartWith("<p>Hello");
        (await renderer.RenderAsync("Counters", "greeting.subject", Model, "ro")).ShouldBe("Factura Apa Noastră pentru Ana <Popescu>");
        (await renderer.RenderAsync("Counters", "greeting.subject", Model, "lv")).ShouldBe("Factura Apa Noastră pentru Ana <Popescu>");
        renderer.Exists("Counters", "greeting.txt").ShouldBeFalse();
    }

    [Fact]
    public async Task An_override_that_does_not_parse_stops_the_host_at_start_naming_the_file_and_line()
    {
        var folder = Templates.Overrides(("Counters/ro/greeting.html", "<p>Bună ziua</p>\n{{ if name }}\n<p>{{ name + }}</p>\n{{ end }}"));
        var error = await Should.ThrowAsync<OptionsValidationException>(() => TestHost.StartAsync(database, m => m.AddModule(new CountersModule()),
            new Dictionary<string, string?> { ["Modular:Templates:OverrideDirectory"] = folder }));
        error.Message.ShouldContain(Path.Combine("Counters", "ro", "greeting.html.scriban") + "' line 3");
        error.Message.ShouldContain("Modular:Templates:OverrideDirectory");
    }

    [Fact]
    public async Task A_handlebars_override_left_from_an_earlier_version_stops_the_start_instead_of_being_ignored()
    {
        var folder = Templates.Overrides();
        Directory.CreateDirectory(Path.Combine(folder, "Counters"));
        await File.WriteAllTextAsync(Path.Combine(folder, "Counters", "greeting.html.hbs"), "{{#if name}}{{name}}{{/if}}");
        var error = await Should.ThrowAsync<OptionsValidationException>(() => TestHost.StartAsync(database, m => m.AddModule(new CountersModule()),
            new Dictionary<string, string?> { ["Modular:Templates:OverrideDirectory"] = folder }));
        error.Message.ShouldContain("greeting.html.hbs' is a Handlebars template");
    }

    [Fact]
    public async Task An_override_that_fails_while_rendering_falls_back_to_the_shipped_template_and_logs_its_file_and_line()
    {
        var folder = Templates.Overrides(("Counters/ro/greeting.html", "<h1>Apa Noastră</h1>\n{{ include 'greeting.html.scriban' }}"));
        var log = new ListLogger();

        var html = await Templates.Renderer(folder, logger: log).RenderAsync("Counters", "greeting.html", Model, "ro");

        html.ShouldStartWith("<p>Bună ziua Ana &lt;Popescu&gt;");
        var entry = log.Errors.ShouldHaveSingleItem();
        entry.ShouldContain(Path.Combine(folder, "Counters", "ro", "greeting.html.scriban") + " failed at line 2");
        entry.ShouldContain("'include' is not available");
    }

    [Fact]
    public async Task A_missing_template_is_a_clear_error()
    {
        var error = await Should.ThrowAsync<TemplateNotFoundException>(() => Templates.Renderer().RenderAsync("Counters", "nope.html", Model, "ro"));
        error.Message.ShouldContain("'nope.html'");
    }

    [Theory]
    [InlineData("../secret.html")]
    [InlineData("ro/greeting.html")]
    public async Task A_template_name_that_is_a_path_is_refused(string name) =>
        await Should.ThrowAsync<ArgumentException>(() => Templates.Renderer().RenderAsync("Counters", name, Model, "ro"));

    [Fact]
    public async Task The_email_composer_fills_subject_and_body_from_templates()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        var message = await host.Container.Resolve<EmailComposer>().ComposeAsync("Counters", "greeting", "ana@example.ro", Model, "ro");
        message.Subject.ShouldBe("Factură pentru Ana <Popescu> – țară, școală");
        message.HtmlBody.ShouldContain("Bună ziua");
        message.TextBody.ShouldBeNull();
    }
}
