using Shouldly;
using Xunit;

namespace Modular.Architecture.Tests;

/// <summary>Every module page in docs/modules follows one template: its sections in one order, module-specific ones between.</summary>
public sealed class ModulePageTests
{
    private static readonly string[] Template =
        ["Rules", "Requests", "Who may send what", "Events", "Scheduled jobs", "Options", "Error codes", "Extension ports"];

    private static List<string> PageNames() =>
        Directory.GetFiles(Path.Combine(Repository.Root, "docs", "modules"), "*.md").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Pages() => new(PageNames());

    [Fact]
    public void Every_module_has_a_page()
    {
        var pages = PageNames();
        foreach (var module in Directory.GetDirectories(Path.Combine(Repository.Root, "src", "Modules")).Select(Path.GetFileName))
        {
            pages.ShouldContain(module!.ToLowerInvariant() + ".md");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_module_page_has_the_template_sections_in_order(string page)
    {
        var headings = File.ReadLines(Path.Combine(Repository.Root, "docs", "modules", page))
            .Where(l => l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => l[3..].Trim())
            .ToList();
        var positions = Template.Select(section => headings.FindIndex(h => h == section || h.StartsWith(section + " (", StringComparison.Ordinal))).ToList();

        Template.Where((_, i) => positions[i] < 0).ShouldBeEmpty($"{page} lacks sections");
        positions.ShouldBe(positions.Order().ToList(), $"{page} has the template's sections out of order: {string.Join(", ", headings)}");
    }
}
