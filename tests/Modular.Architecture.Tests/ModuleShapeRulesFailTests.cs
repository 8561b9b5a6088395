using Modular.Architecture.Tests.BadSample;
using Shouldly;
using Xunit;

namespace Modular.Architecture.Tests;

/// <summary>Each module-shape rule, run on the deliberately bad sample in BadSample/, names every violation planted there.</summary>
public sealed class ModuleShapeRulesFailTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "tests", "Modular.Architecture.Tests", "BadSample");

    private static readonly IReadOnlyList<Type> Types = typeof(SampleQuery).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith(typeof(SampleQuery).Namespace!, StringComparison.Ordinal) == true)
        .ToList();

    [Fact]
    public void The_handler_rule_fails_on_a_public_misnamed_handler_at_the_root_and_on_a_handler_of_two_requests()
    {
        var violations = ModuleShape.HandlerViolations(Types, new SourceIndex(Folder));
        violations.ShouldContain(v => v.Contains("RootHandler is public", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("RootHandler handles SampleQuery: name it SampleQueryHandler", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("RootHandler is in '.'", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("validator SampleValidator is in 'Domain'", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("TwoRequestsHandler handles 2 requests", StringComparison.Ordinal));
    }

    [Fact]
    public void The_domain_rule_fails_on_ef_core_in_a_method_body_and_mediatr_in_a_signature()
    {
        var violations = ModuleShape.DomainViolations(Types, typeof(SampleQuery).Namespace + ".Domain");
        violations.ShouldContain(v => v.Contains("LeakyEntity uses Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("LeakyEntity uses MediatR.IMediator", StringComparison.Ordinal));
        violations.ShouldNotContain(v => v.Contains("SampleValidator", StringComparison.Ordinal));
    }

    [Fact]
    public void The_errors_rule_fails_without_an_errors_file_and_class_at_the_root()
    {
        ModuleShape.ErrorsViolations("Sample", typeof(SampleQuery).Namespace!, typeof(SampleQuery).Assembly, Folder).Count.ShouldBe(2);
    }

    [Fact]
    public void The_cross_module_rule_fails_on_an_undeclared_command_of_another_module()
    {
        ModuleShape.CrossModuleViolations("Sample", Types).ShouldBe(
            ["Sample (Modular.Architecture.Tests.BadSample.UseCase.TwoRequestsHandler) sends Modular.Billing.Contracts.RunBilling: declare [CrossModule(\"Sample\")] on it"]);
    }

    [Fact]
    public void The_cross_module_rule_lets_queries_through()
    {
        // Payments asks Accounts and Billing (queries only): the rule sees those sends and accepts them.
        var payments = ModuleShapeTests.Module.Named("Payments");
        payments.Types.SelectMany(IlReferences.TypesConstructedBy)
            .Where(t => ModuleShape.OwningModule(t) is "Accounts" or "Billing" && ModuleShape.IsQuery(t))
            .ShouldNotBeEmpty();
        ModuleShape.CrossModuleViolations("Payments", payments.Types).ShouldBeEmpty();
    }
}
