using Shouldly;
using Xunit;

namespace Modular.Architecture.Tests;

public sealed class DependencyRulesTests
{
    [Fact]
    public void Every_library_is_built_next_to_these_tests_so_its_rules_are_checked()
    {
        var missing = Repository.LibraryProjects
            .Where(p => !File.Exists(Path.Combine(AppContext.BaseDirectory, Repository.AssemblyName(p) + ".dll")))
            .Select(Repository.AssemblyName)
            .ToList();
        missing.ShouldBeEmpty("add a ProjectReference to Modular.Architecture.Tests for: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_module_references_only_core_and_contracts()
    {
        var violations = new List<string>();
        foreach (var project in Repository.ModuleImplementationProjects)
        {
            foreach (var reference in Repository.ProjectReferences(project))
            {
                var allowed = reference.Contains("/src/Core/", StringComparison.Ordinal) || Repository.IsContracts(reference) || IsOwnDevice(project, reference);
                if (!allowed)
                {
                    violations.Add($"{Repository.AssemblyName(project)} -> {Repository.AssemblyName(reference)}");
                }
            }

            var assembly = Repository.Load(project);
            var own = Repository.AssemblyName(project);
            foreach (var name in assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Modular.", StringComparison.Ordinal)))
            {
                var allowed = Repository.CoreAssemblyNames.Contains(name) || name.EndsWith(".Contracts", StringComparison.Ordinal)
                    || (own.EndsWith(".Web", StringComparison.Ordinal) && name == own[..^".Web".Length] + ".Device");
                if (!allowed && name != own)
                {
                    violations.Add($"{own} uses {name}");
                }
            }
        }

        violations.ShouldBeEmpty();
    }

    /// <summary>A module's UI may drive its own device package (the kiosk's screens and the kiosk's hardware ports).</summary>
    private static bool IsOwnDevice(string project, string reference)
    {
        var own = Repository.AssemblyName(project);
        return own.EndsWith(".Web", StringComparison.Ordinal) && Repository.AssemblyName(reference) == own[..^".Web".Length] + ".Device";
    }

    [Fact]
    public void Only_a_modules_web_package_depends_on_the_web_shell()
    {
        // Domain modules run in workers and kiosks too: pages, sessions and the API stay in the Modular.<Name>.Web packages.
        var violations = Repository.ModuleImplementationProjects
            .Where(p => !Repository.AssemblyName(p).EndsWith(".Web", StringComparison.Ordinal))
            .Select(Repository.Load)
            .Where(a => a.GetReferencedAssemblies().Any(r => r.Name == "Modular.Web"))
            .Select(a => a.GetName().Name)
            .ToList();
        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Contracts_reference_only_core_abstractions_and_other_contracts()
    {
        var violations = new List<string>();
        foreach (var project in Repository.ContractsProjects)
        {
            violations.AddRange(Repository.PackageReferences(project).Select(p => $"{Repository.AssemblyName(project)} -> package {p}"));
            violations.AddRange(Repository.ProjectReferences(project)
                .Where(r => !r.EndsWith("Modular.Core.Abstractions.csproj", StringComparison.Ordinal) && !Repository.IsContracts(r))
                .Select(r => $"{Repository.AssemblyName(project)} -> {Repository.AssemblyName(r)}"));
            var assembly = Repository.Load(project);
            violations.AddRange(assembly.GetReferencedAssemblies()
                .Where(a => a.Name!.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || a.Name == "Modular.Core")
                .Select(a => $"{assembly.GetName().Name} uses {a.Name}"));
        }

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Core_abstractions_carry_no_storage_or_hosting()
    {
        var project = Repository.LibraryProjects.Single(p => p.EndsWith("Modular.Core.Abstractions.csproj", StringComparison.Ordinal));
        Repository.PackageReferences(project).ShouldBe(["MediatR", "NodaTime"], ignoreOrder: true);
    }
}
