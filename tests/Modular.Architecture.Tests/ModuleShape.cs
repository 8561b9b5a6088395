using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Modular.Core.Messaging;

namespace Modular.Architecture.Tests;

/// <summary>
/// The rules of a module's shape, as functions from types and source folders to violations, so the same rule runs on the
/// real modules and on a deliberately bad sample (<see cref="BadSample"/>) that proves it fails.
/// </summary>
internal static partial class ModuleShape
{
    /// <summary>
    /// Every request handler is internal, handles one request, is named &lt;Request&gt;Handler and lives in a use-case folder
    /// (not the module root, Domain or Persistence), beside the validator of its request when there is one.
    /// </summary>
    public static List<string> HandlerViolations(IReadOnlyList<Type> types, SourceIndex source)
    {
        var violations = new List<string>();
        var validators = types
            .SelectMany(t => Bases(t).Where(b => b.IsGenericType && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
                .Select(b => (Request: b.GetGenericArguments()[0], Validator: t)))
            .ToList();
        foreach (var handler in types.Where(t => t is { IsAbstract: false, IsInterface: false } && !IsCompilerGenerated(t)))
        {
            var requests = HandledRequests(handler);
            if (requests.Count == 0)
            {
                continue;
            }

            if (handler.IsPublic || handler.IsNestedPublic)
            {
                violations.Add($"{handler.FullName} is public (handlers are internal)");
            }

            if (requests.Count > 1)
            {
                violations.Add($"{handler.FullName} handles {requests.Count} requests ({string.Join(", ", requests.Select(r => r.Name))}): one handler per request");
                continue;
            }

            var request = requests[0];
            if (handler.Name != request.Name + "Handler")
            {
                violations.Add($"{handler.FullName} handles {request.Name}: name it {request.Name}Handler");
            }

            var folder = source.FolderOf(handler);
            if (folder is null)
            {
                violations.Add($"{handler.FullName}: no source file declares it under {source.Root}");
                continue;
            }

            var relative = Path.GetRelativePath(source.Root, folder);
            if (relative == "." || relative.Split('/')[0] is "Domain" or "Persistence")
            {
                violations.Add($"{handler.FullName} is in '{relative}': a handler lives in its use-case folder");
            }

            foreach (var (_, validator) in validators.Where(v => v.Request == request))
            {
                var validatorFolder = source.FolderOf(validator);
                if (validatorFolder != folder)
                {
                    violations.Add($"{handler.FullName} is in '{relative}' but its validator {validator.Name} is in '{(validatorFolder is null ? "?" : Path.GetRelativePath(source.Root, validatorFolder))}'");
                }
            }
        }

        return violations;
    }

    /// <summary>Types of the Domain namespace use neither EF Core nor MediatR (not in signatures, attributes or method bodies).</summary>
    public static List<string> DomainViolations(IEnumerable<Type> types, string domainNamespace) =>
        types.Where(t => t.Namespace is { } ns && (ns == domainNamespace || ns.StartsWith(domainNamespace + ".", StringComparison.Ordinal)))
            .SelectMany(t => IlReferences.TypesUsedBy(t)
                .Where(u => IsEfOrMediatR(u.Assembly))
                .Select(u => $"{t.FullName} uses {u.FullName} ({u.Assembly.GetName().Name})"))
            .Distinct()
            .ToList();

    /// <summary><c>&lt;Module&gt;Errors.cs</c> at the module's root declares <c>Modular.&lt;Module&gt;.&lt;Module&gt;Errors</c>.</summary>
    public static List<string> ErrorsViolations(string module, string rootNamespace, Assembly assembly, string folder)
    {
        var violations = new List<string>();
        var file = Path.Combine(folder, module + "Errors.cs");
        if (!File.Exists(file))
        {
            violations.Add($"{module}: no {module}Errors.cs at {folder}");
        }

        if (assembly.GetType($"{rootNamespace}.{module}Errors") is null)
        {
            violations.Add($"{module}: no type {rootNamespace}.{module}Errors");
        }

        return violations;
    }

    /// <summary>
    /// Requests a module sends to another module (it constructs a request of another module's Contracts) are queries, or
    /// commands that name the sending module in <see cref="CrossModuleAttribute"/>.
    /// </summary>
    public static List<string> CrossModuleViolations(string module, IEnumerable<Type> types) =>
        types.SelectMany(t => IlReferences.TypesConstructedBy(t)
                .Where(r => typeof(IBaseRequest).IsAssignableFrom(r) && OwningModule(r) is { } owner && owner != module)
                .Where(r => !IsQuery(r) && !(IsCommand(r) && r.GetCustomAttribute<CrossModuleAttribute>()?.Modules.Contains(module) == true))
                .Select(r => $"{module} ({DeclaringTopLevel(t).FullName}) sends {r.FullName}: "
                    + (IsCommand(r) ? $"declare [CrossModule(\"{module}\")] on it" : "only queries and declared commands cross modules")))
            .Distinct()
            .ToList();

    /// <summary>The module whose Contracts declare a request: Modular.&lt;Module&gt;.Contracts.</summary>
    public static string? OwningModule(Type type) =>
        ContractsAssembly().Match(type.Assembly.GetName().Name!) is { Success: true } m ? m.Groups[1].Value : null;

    public static bool IsQuery(Type type) => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>));

    public static bool IsCommand(Type type) =>
        type.GetInterfaces().Any(i => i == typeof(ICommand) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)));

    private static List<Type> HandledRequests(Type type) =>
        type.GetInterfaces()
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) || i.GetGenericTypeDefinition() == typeof(IRequestHandler<>)))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .ToList();

    private static IEnumerable<Type> Bases(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }

    private static bool IsCompilerGenerated(Type type) => type.GetCustomAttribute<CompilerGeneratedAttribute>() is not null || type.Name.StartsWith('<');

    private static Type DeclaringTopLevel(Type type) => type.DeclaringType is { } outer ? DeclaringTopLevel(outer) : type;

    private static bool IsEfOrMediatR(Assembly assembly) =>
        assembly.GetName().Name is { } name && (name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || name.StartsWith("MediatR", StringComparison.Ordinal));

    [GeneratedRegex(@"^Modular\.(\w+)\.Contracts$")]
    private static partial Regex ContractsAssembly();
}

/// <summary>Which folder's source file declares a type, for the C# files under one folder.</summary>
internal sealed partial class SourceIndex
{
    private readonly Dictionary<string, List<string>> _folders = [];

    public SourceIndex(string root)
    {
        Root = root;
        foreach (var file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match match in Declaration().Matches(File.ReadAllText(file)))
            {
                var name = match.Groups[1].Value;
                if (!_folders.TryGetValue(name, out var folders))
                {
                    _folders[name] = folders = [];
                }

                folders.Add(Path.GetDirectoryName(file)!);
            }
        }
    }

    public string Root { get; }

    /// <summary>The folder of the file declaring the type (by name; null when none or several declare that name).</summary>
    public string? FolderOf(Type type) =>
        _folders.TryGetValue(type.Name.Split('`')[0], out var folders) && folders.Distinct().Count() == 1 ? folders[0] : null;

    [GeneratedRegex(@"\b(?:class|record|struct|interface)\s+(\w+)")]
    private static partial Regex Declaration();
}
