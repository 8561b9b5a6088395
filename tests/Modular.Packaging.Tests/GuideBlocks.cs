using System.Text;
using System.Text.RegularExpressions;

namespace Modular.Packaging.Tests;

/// <summary>A code block of docs/integrator-guide.md and the file it is headed with (<c>&lt;!-- file: Dir/Name.cs --&gt;</c>).</summary>
internal sealed record GuideBlock(string Language, string? File, string Code, int Line)
{
    /// <summary>Top-level statements (no namespace) in a file other than Program.cs are compiled as a method.</summary>
    public bool IsSnippet => Language == "csharp" && File is not null && Path.GetFileName(File) != "Program.cs"
        && !Regex.IsMatch(Code, @"^namespace\s", RegexOptions.Multiline);
}

internal static partial class GuideBlocks
{
    public static IReadOnlyList<GuideBlock> Read(string markdown)
    {
        var blocks = new List<GuideBlock>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var file = i > 0 && FileTag().Match(lines[i - 1]) is { Success: true } tag ? tag.Groups[1].Value : null;
            var code = new StringBuilder();
            var start = i + 1;
            for (i++; i < lines.Length && lines[i].TrimEnd() != "```"; i++)
            {
                code.Append(lines[i]).Append('\n');
            }

            blocks.Add(new GuideBlock(open.Groups[1].Value, file, code.ToString(), start));
        }

        return blocks;
    }

    /// <summary>
    /// A snippet of top-level statements as a method of its own class, so several compile in one project: its using
    /// directives stay at the top, the statements become the body.
    /// </summary>
    public static string AsMethod(GuideBlock block)
    {
        var lines = block.Code.Split('\n');
        var usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Trim().Length == 0).ToList();
        var body = lines.Skip(usings.Count);
        var name = Path.GetFileNameWithoutExtension(block.File)!;
        var returns = Regex.IsMatch(block.Code, @"^\s*return\b", RegexOptions.Multiline);
        var asynchronous = block.Code.Contains("await ", StringComparison.Ordinal);
        var type = (asynchronous, returns) switch
        {
            (true, true) => "async Task<int>",
            (true, false) => "async Task",
            (false, true) => "int",
            _ => "void",
        };
        return string.Join('\n', usings) + $$"""

            namespace Guide;

            // docs/integrator-guide.md, line {{block.Line}}
            internal static class {{name}}
            {
                public static {{type}} Run(string[] args)
                {
            {{string.Join('\n', body.Select(l => l.Length == 0 ? l : "        " + l))}}
                }
            }
            """;
    }

    [GeneratedRegex(@"^```(\w+)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^<!--\s*file:\s*(\S+)\s*-->\s*$")]
    private static partial Regex FileTag();
}
