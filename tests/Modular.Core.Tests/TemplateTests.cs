using Autofac;
using Modular.Core.Email;
using Modular.Core.Templates;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public sealed class TemplateTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly object Model = new { name = "Ana <Popescu>", amount = 123.456m, due = new LocalDate(2026, 12, 15) };

    [Fact]
    public async Task Embedded_templates_render_in_the_requested_culture_with_helpers()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        var renderer = host.Container.Resolve<ITemplateRenderer>();
        (await renderer.RenderAsync("Counters", "greeting.html", Model, "ro")).Trim()
            .ShouldBe("<p>Bună ziua Ana &lt;Popescu&gt;, aveți de plată 123.46 RON până la 15.12.2026.</p>");
    }

    [Fact]
    public async Task A_culture_without_its_own_template_falls_back_to_the_neutral_one()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        var renderer = host.Container.Resolve<ITemplateRenderer>();
        (await renderer.RenderAsync("Counters", "greeting.html", Model, "lv")).ShouldContain("Hello Ana &lt;Popescu&gt;");
    }

    [Fact]
    public async Task Text_templates_are_not_html_escaped()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        var renderer = host.Container.Resolve<ITemplateRenderer>();
        (await renderer.RenderAsync("Counters", "greeting.subject", Model, "en")).Trim().ShouldBe("Invoice for Ana <Popescu>");
    }

    [Fact]
    public async Task A_host_overrides_a_template_by_file()
    {
        var folder = Directory.CreateTempSubdirectory("modular-templates").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "Counters", "ro"));
        await File.WriteAllTextAsync(Path.Combine(folder, "Counters", "ro", "greeting.html.hbs"), "<h1>Apa Noastră</h1>{{name}}");
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()),
            new Dictionary<string, string?> { ["Modular:Templates:OverrideDirectory"] = folder });
        var renderer = host.Container.Resolve<ITemplateRenderer>();
        (await renderer.RenderAsync("Counters", "greeting.html", Model, "ro")).ShouldBe("<h1>Apa Noastră</h1>Ana &lt;Popescu&gt;");
        (await renderer.RenderAsync("Counters", "greeting.html", Model, "en")).ShouldContain("Hello");
    }

    [Fact]
    public async Task A_missing_template_is_a_clear_error()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        var renderer = host.Container.Resolve<ITemplateRenderer>();
        var error = await Should.ThrowAsync<TemplateNotFoundException>(() => renderer.RenderAsync("Counters", "nope.html", Model, "ro"));
        error.Message.ShouldContain("'nope.html'");
    }

    [Fact]
    public async Task The_email_composer_fills_subject_and_body_from_templates()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        var message = await host.Container.Resolve<EmailComposer>().ComposeAsync("Counters", "greeting", "ana@example.ro", Model, "ro");
        message.Subject.ShouldBe("Factură pentru Ana <Popescu> – țară, școală");
        message.HtmlBody.ShouldContain("Bună ziua");
    }
}
