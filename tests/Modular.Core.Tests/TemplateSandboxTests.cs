using Modular.Core.Templates;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>
/// Utilities edit templates, so a template reaches its model and the documented functions only, and cannot loop, recurse,
/// write or run without bound. Each case is an override with no shipped twin, so its failure surfaces as it would to an
/// operator: a <see cref="TemplateException"/> naming the file and the line.
/// </summary>
public sealed class TemplateSandboxTests
{
    private static readonly object Model = new { name = "Ana", due = new LocalDate(2026, 12, 15), folder = new DirectoryInfo("/etc") };

    [Theory]
    [InlineData("{{ include '/etc/passwd' }}", "'include' is not available")]
    [InlineData("{{ include '../../Counters/ro/greeting.html' }}", "'include' is not available")]
    [InlineData("{{ include_join ['a', 'b'] ',' }}", "'include' is not available")]
    [InlineData("{{ import '/etc/passwd' }}", "'import' is not available")]
    [InlineData("{{ import { secret: 1 } }}", "'import' is not available")]
    [InlineData("{{ object.eval_template '{{ 1 }}' }}", "eval_template")]
    [InlineData("{{ object.eval '1 + 1' }}", "eval")]
    [InlineData("{{ date.now }}", "date")]
    [InlineData("{{ string.upcase = 'x' }}", "readonly")]
    public async Task Reaching_outside_the_template_is_refused_with_the_file_and_line(string line, string reason)
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "first line\n" + line));
        var error = await Should.ThrowAsync<TemplateException>(() => Templates.Renderer(folder).RenderAsync("Counters", "probe.txt", Model, "ro"));
        error.File.ShouldBe(Path.Combine(folder, "Counters", "probe.txt.scriban"));
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("probe.txt.scriban', line 2");
        error.Reason.ShouldContain(reason);
    }

    [Theory]
    [InlineData("{{ name.length }}")]
    [InlineData("{{ name.chars[0] }}")]
    [InlineData("{{ due.year }}")]
    [InlineData("{{ due.calendar.id }}")]
    [InlineData("{{ folder.parent }}")]
    [InlineData("{{ due.year = 1 }}")]
    public async Task Reaching_into_a_dotnet_value_is_refused(string line)
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "first line\n" + line));
        var error = await Should.ThrowAsync<TemplateException>(() => Templates.Renderer(folder).RenderAsync("Counters", "probe.txt", Model, "ro"));
        error.Line.ShouldBe(2);
        error.Reason.ShouldContain("is not available");
    }

    [Fact]
    public async Task The_model_is_plain_values_a_framework_object_in_it_is_only_its_text()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "[{{ folder }}][{{ missing }}][{{ nested.missing }}][{{ nested.code }}][{{ name | string.size }}]"));
        var text = await Templates.Renderer(folder).RenderAsync("Counters", "probe.txt",
            new { name = "Ana", folder = new DirectoryInfo("/etc"), nested = new { code = "X1" } }, "ro");
        text.ShouldBe("[/etc][][][X1][3]");
    }

    [Fact]
    public async Task A_loop_past_the_loop_limit_is_stopped()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "{{ for i in 1..5000 }}x{{ end }}"));
        var error = await Should.ThrowAsync<TemplateException>(() =>
            Templates.Renderer(folder, o => o.LoopLimit = 1000).RenderAsync("Counters", "probe.txt", Model, "ro"));
        error.Reason.ShouldContain("LoopLimit");
        (await Templates.Renderer(folder, o => o.LoopLimit = 5000).RenderAsync("Counters", "probe.txt", Model, "ro")).Length.ShouldBe(5000);
    }

    [Fact]
    public async Task An_endless_while_loop_is_stopped_by_the_loop_limit()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "{{ while true }}{{ end }}"));
        var error = await Should.ThrowAsync<TemplateException>(() => Templates.Renderer(folder).RenderAsync("Counters", "probe.txt", Model, "ro"));
        error.Reason.ShouldContain("limit `10000`");
    }

    [Fact]
    public async Task Recursion_past_the_recursion_limit_is_stopped()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "{{ func down(n)\n ret down(n + 1)\nend }}{{ down 0 }}"));
        var error = await Should.ThrowAsync<TemplateException>(() =>
            Templates.Renderer(folder, o => o.RecursionLimit = 20).RenderAsync("Counters", "probe.txt", Model, "ro"));
        error.Reason.ShouldContain("recursive depth limit `20`");
    }

    [Fact]
    public async Task Output_past_the_output_limit_fails_instead_of_growing()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "{{ for i in 1..200 }}0123456789{{ end }}"));
        var error = await Should.ThrowAsync<TemplateException>(() =>
            Templates.Renderer(folder, o => o.OutputLimit = 1024).RenderAsync("Counters", "probe.txt", Model, "ro"));
        error.Reason.ShouldContain("OutputLimit");
    }

    [Fact]
    public async Task One_huge_value_is_refused_by_the_same_limit()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "{{ name | string.pad_left 50000000 }}"));
        var error = await Should.ThrowAsync<TemplateException>(() => Templates.Renderer(folder).RenderAsync("Counters", "probe.txt", Model, "ro"));
        error.Reason.ShouldContain("LimitToString");
    }

    [Fact]
    public async Task A_rendering_that_would_run_for_hours_is_stopped_at_the_time_limit()
    {
        // A million iterations each building a 500,000-character string: hours of work within every other limit.
        var folder = Templates.Overrides(("Counters/probe.txt", "{{ for i in 1..1000000\n x = name | string.pad_left 500000\nend }}done"));
        var error = await Should.ThrowAsync<TemplateException>(() => Templates.Renderer(folder, o =>
        {
            o.LoopLimit = 1_000_000;
            o.TimeLimit = TimeSpan.FromMilliseconds(50);
        }).RenderAsync("Counters", "probe.txt", Model, "ro"));
        error.Reason.ShouldContain("time limit");
    }

    [Fact]
    public async Task A_cancelled_caller_stops_the_rendering_as_cancelled()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "{{ while true }}{{ end }}"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() =>
            Templates.Renderer(folder).RenderAsync("Counters", "probe.txt", Model, "ro", cancelled.Token));
    }

    [Fact]
    public async Task Assignments_of_one_rendering_are_not_seen_by_the_next()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "[{{ seen }}]{{ seen = 'yes' }}[{{ name }}]{{ name = 'changed' }}"));
        var renderer = Templates.Renderer(folder);
        (await renderer.RenderAsync("Counters", "probe.txt", Model, "ro")).ShouldBe("[][Ana]");
        (await renderer.RenderAsync("Counters", "probe.txt", Model, "ro")).ShouldBe("[][Ana]");
    }

    [Fact]
    public async Task A_function_misused_names_the_file_and_line()
    {
        var folder = Templates.Overrides(("Counters/probe.txt", "ok\n{{ money name 'RON' }}\n{{ date due 'yyyy-MM-dd HH' }}"));
        var error = await Should.ThrowAsync<TemplateException>(() => Templates.Renderer(folder).RenderAsync("Counters", "probe.txt", Model, "ro"));
        (error.Line, error.Reason).ShouldBe((2, "'Ana' is not a number."));
    }
}
