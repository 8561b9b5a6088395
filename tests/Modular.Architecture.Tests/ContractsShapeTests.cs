using System.Reflection;
using System.Runtime.CompilerServices;
using Shouldly;
using Xunit;

namespace Modular.Architecture.Tests;

/// <summary>
/// Contracts are plain records, enums and interfaces, plus static classes of constants (permission names): no behaviour
/// that could drift from the implementation.
/// </summary>
public sealed class ContractsShapeTests
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    [Fact]
    public void Contracts_types_are_records_enums_or_interfaces()
    {
        var offenders = ContractTypes()
            .Where(t => !t.IsEnum && !t.IsInterface && !IsRecord(t) && !IsConstants(t))
            .Select(t => t.FullName)
            .ToList();
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Contracts_declare_no_methods_of_their_own()
    {
        var offenders = ContractTypes()
            .Where(t => !t.IsEnum && !t.IsInterface)
            .SelectMany(t => t.GetMethods(Declared)
                .Where(m => !m.IsSpecialName && m.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !IsRecordMember(m))
                .Select(m => $"{t.FullName}.{m.Name}"))
            .ToList();
        offenders.ShouldBeEmpty();
    }

    private static IEnumerable<Type> ContractTypes() =>
        Repository.ContractsProjects.Select(Repository.Load)
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.StartsWith('<'));

    private static bool IsConstants(Type type) =>
        type is { IsAbstract: true, IsSealed: true } && type.GetFields(Declared).All(f => f.IsLiteral) && type.GetMethods(Declared).Length == 0;

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || (type.IsValueType && type.GetMethod("PrintMembers", Declared) is not null);

    private static bool IsRecordMember(MethodInfo method) =>
        method.Name is "ToString" or "GetHashCode" or "Equals" or "PrintMembers" or "Deconstruct" or "<Clone>$";
}
