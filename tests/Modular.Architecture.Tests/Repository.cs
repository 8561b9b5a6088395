using System.Reflection;
using System.Xml.Linq;

namespace Modular.Architecture.Tests;

/// <summary>The repository's source layout and the built assemblies of its libraries.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Library projects: src/Core/* and src/Modules/*/* (hosts are applications, not libraries).</summary>
    public static IReadOnlyList<string> LibraryProjects { get; } =
        Directory.GetFiles(Path.Combine(Root, "src", "Core"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(Root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IEnumerable<string> ModuleImplementationProjects =>
        LibraryProjects.Where(p => p.Contains("/src/Modules/", StringComparison.Ordinal) && !IsContracts(p));

    public static IEnumerable<string> ContractsProjects => LibraryProjects.Where(IsContracts);

    /// <summary>Assemblies of the libraries under src/Core (Core, its abstractions and testing, documents, the web shell).</summary>
    public static IReadOnlySet<string> CoreAssemblyNames { get; } =
        LibraryProjects.Where(p => p.Contains("/src/Core/", StringComparison.Ordinal)).Select(AssemblyName).ToHashSet(StringComparer.Ordinal);

    public static bool IsContracts(string project) => Path.GetFileNameWithoutExtension(project).EndsWith(".Contracts", StringComparison.Ordinal);

    public static string AssemblyName(string project) => Path.GetFileNameWithoutExtension(project);

    public static Assembly Load(string project) =>
        Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, AssemblyName(project) + ".dll"));

    public static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, r.Attribute("Include")!.Value.Replace('\\', '/'))));

    public static IEnumerable<string> PackageReferences(string project) =>
        XDocument.Load(project).Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Modular.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Modular.sln not found above " + AppContext.BaseDirectory);
    }
}
