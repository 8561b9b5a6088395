using Modular.TestSupport.EInvoices;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests.EInvoices;

/// <summary>The harness itself: the published examples pass the official rules, so a failure elsewhere is ours.</summary>
public sealed class PublishedExamplesTests
{
    /// <summary>
    /// Example 6 as published breaks BR-S-08 under the 1.0.9 rules (its 20 % breakdown claims 1460.5 taxable where its 20 %
    /// lines, charges and allowances sum to 1273): the runner must report exactly that, and nothing for the others.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownDefects = new() { ["ubl_b2g_example6.xml"] = ["BR-S-08"] };

    public static TheoryData<string> Examples => new(EInvoiceRules.CiusRoExamples.Select(Path.GetFileName).OfType<string>());

    [Fact]
    public void All_eleven_published_examples_are_there() => EInvoiceRules.CiusRoExamples.Count.ShouldBe(11);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task A_published_cius_ro_example_has_no_fatal_assertion_but_its_known_defect(string example)
    {
        var path = EInvoiceRules.CiusRoExamples.Single(p => Path.GetFileName(p) == example);

        var report = await SchematronValidator.Shared.ValidateAsync(await File.ReadAllBytesAsync(path), EInvoiceRules.CiusRo);

        report.Fatal.Select(f => f.Id).Distinct().ShouldBe(KnownDefects.GetValueOrDefault(example, []), report.ToString());
    }
}
