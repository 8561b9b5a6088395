using Modular.Core.Files;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Files that others read while they are written: a reader sees the old content or the new, whole, and nothing else.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modular-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_rewritten_file_is_always_read_whole_and_leaves_nothing_beside_it()
    {
        var path = Path.Combine(_folder, "status.json");
        var versions = Enumerable.Range(0, 40).Select(i => new string((char)('a' + (i % 26)), 200_000)).ToList();
        await AtomicFile.WriteAllTextAsync(path, versions[0]);

        var writing = Task.Run(async () =>
        {
            foreach (var version in versions)
            {
                await AtomicFile.WriteAllTextAsync(path, version);
            }
        });
        do
        {
            // Every read is one of the versions: all of one letter and of full length.
            var text = await File.ReadAllTextAsync(path);
            text.Length.ShouldBe(200_000);
            text.Distinct().ShouldHaveSingleItem();
        }
        while (!writing.IsCompleted);

        await writing;
        (await File.ReadAllTextAsync(path)).ShouldBe(versions[^1]);
        Directory.GetFiles(_folder).ShouldBe([path]);
    }

    [Fact]
    public void A_file_written_without_waiting_creates_its_folder_and_replaces_the_old_content()
    {
        var path = Path.Combine(_folder, "links", "portal.txt");
        AtomicFile.WriteAllText(path, "http://old.example");
        AtomicFile.WriteAllText(path, "http://new.example");
        File.ReadAllText(path).ShouldBe("http://new.example");
        Directory.GetFiles(Path.GetDirectoryName(path)!).ShouldBe([path]);
    }
}
