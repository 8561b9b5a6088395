using System.Reflection;
using Shouldly;
using Xunit;

namespace Modular.Architecture.Tests;

/// <summary>One shape in every module: handlers, Domain, the errors file and what crosses modules.</summary>
public sealed class ModuleShapeTests
{
    public static TheoryData<string> Modules() => new(Module.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Modules))]
    public void Each_request_has_one_internal_handler_named_after_it_in_its_use_case_folder(string name)
    {
        var module = Module.Named(name);
        ModuleShape.HandlerViolations(module.Types.ToList(), new SourceIndex(module.Folder)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Domain_uses_neither_ef_core_nor_mediatr(string name)
    {
        var module = Module.Named(name);
        module.Types.ShouldContain(t => t.Namespace == $"Modular.{name}.Domain", "the module has a Domain folder");
        ModuleShape.DomainViolations(module.Types, $"Modular.{name}.Domain").ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void The_errors_class_is_at_the_module_root(string name)
    {
        var module = Module.Named(name);
        ModuleShape.ErrorsViolations(name, $"Modular.{name}", module.Assembly, module.Folder).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Requests_sent_to_other_modules_are_queries_or_declared_commands(string name)
    {
        // The module and its UI package both speak for the module.
        var types = Module.Named(name).Types.Concat(Module.Named(name).WebTypes);
        ModuleShape.CrossModuleViolations(name, types).ShouldBeEmpty();
    }

    [Fact]
    public void Every_cross_module_declaration_names_a_module_that_sends_it()
    {
        var sent = Module.All
            .SelectMany(m => m.Types.Concat(m.WebTypes).SelectMany(IlReferences.TypesConstructedBy).Select(r => (Sender: m.Name, Request: r)))
            .ToHashSet();
        var stale = RequestDeclarationTests.Requests()
            .Select(r => (Request: r, Declared: r.GetCustomAttribute<Core.Messaging.CrossModuleAttribute>()))
            .Where(x => x.Declared is not null)
            .SelectMany(x => x.Declared!.Modules.Where(m => !sent.Contains((m, x.Request))).Select(m => $"{x.Request.FullName} names {m}"))
            .ToList();
        stale.ShouldBeEmpty("remove modules that no longer send the command");
    }

    internal sealed record Module(string Name, Assembly Assembly, string Folder, IReadOnlyList<Type> Types, IReadOnlyList<Type> WebTypes)
    {
        public static IReadOnlyList<Module> All { get; } = Repository.ModuleImplementationProjects
            .Where(p => !Repository.AssemblyName(p).EndsWith(".Web", StringComparison.Ordinal))
            // A module's device package (what runs on a kiosk) is an adapter of the module's ports, not a module.
            .Where(p => !Repository.AssemblyName(p).EndsWith(".Device", StringComparison.Ordinal))
            .Select(p =>
            {
                var name = Repository.AssemblyName(p)["Modular.".Length..];
                var assembly = Repository.Load(p);
                var web = Repository.ModuleImplementationProjects.SingleOrDefault(w => Repository.AssemblyName(w) == $"Modular.{name}.Web");
                return new Module(name, assembly, Path.GetDirectoryName(p)!, assembly.GetTypes(), web is null ? [] : Repository.Load(web).GetTypes());
            })
            .ToList();

        public static Module Named(string name) => All.Single(m => m.Name == name);
    }
}
