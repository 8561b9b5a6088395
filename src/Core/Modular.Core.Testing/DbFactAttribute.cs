using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Modular.Core.Testing;

/// <summary>Marks a test class that runs against PostgreSQL; its <see cref="DbFactAttribute"/> tests need the server.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostgresAttribute : Attribute;

/// <summary>
/// A fact that runs on the database of its concrete class. On a class marked <see cref="PostgresAttribute"/> it is
/// reported skipped, with the reason, when no server is configured, unless <c>CI</c> is set: then it runs and fails.
/// </summary>
[XunitTestCaseDiscoverer("Modular.Core.Testing.DbFactDiscoverer", "Modular.Core.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbFactAttribute : FactAttribute;

/// <summary>The theory counterpart of <see cref="DbFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("Modular.Core.Testing.DbTheoryDiscoverer", "Modular.Core.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbTheoryAttribute : TheoryAttribute;

public sealed class DbFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        if (DbSkip.ReasonFor(testMethod) is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(sink, display, displayOptions, testMethod, reason)];
        }

        return [new XunitTestCase(sink, display, displayOptions, testMethod)];
    }
}

public sealed class DbTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        if (DbSkip.ReasonFor(testMethod) is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }

        return base.Discover(discoveryOptions, testMethod, theoryAttribute);
    }
}

internal static class DbSkip
{
    public static string? ReasonFor(ITestMethod testMethod) =>
        testMethod.TestClass.Class.GetCustomAttributes(typeof(PostgresAttribute)).Any() ? PostgresDatabase.SkipReason : null;
}
