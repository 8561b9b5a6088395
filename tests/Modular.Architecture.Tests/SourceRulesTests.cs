using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Modular.Architecture.Tests;

public sealed partial class SourceRulesTests
{
    [Fact]
    public void No_code_under_src_reads_the_system_time_directly()
    {
        var offenders = SourceFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => SystemTime().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Repository.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        offenders.ShouldBeEmpty("use NodaTime's IClock (or Core's UtilityClock)");
    }

    [Fact]
    public void No_source_file_names_a_package_registry()
    {
        var offenders = SourceFiles().Concat(Directory.GetFiles(Repository.Root, "*.config"))
            .Where(f => RegistryHost().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Repository.Root, f))
            .ToList();
        offenders.ShouldBeEmpty();
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(Now|UtcNow|Today)\b")]
    private static partial Regex SystemTime();

    [GeneratedRegex(@"https?://[^\s""]*(nuget|npmjs|pypi)", RegexOptions.IgnoreCase)]
    private static partial Regex RegistryHost();
}
