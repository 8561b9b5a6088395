using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Modular.Packaging.Tests;

/// <summary>
/// Packs every library into artifacts/packages and builds, from that folder only (no project references), what
/// docs/integrator-guide.md tells an integrator to write.
/// </summary>
public sealed class PackagingTests(PackagesFixture packages, ITestOutputHelper output) : IClassFixture<PackagesFixture>
{
    [Fact]
    public void Every_library_has_a_package_with_readme_documentation_and_metadata()
    {
        packages.Libraries.ShouldNotBeEmpty();
        foreach (var id in packages.Libraries)
        {
            var path = Path.Combine(packages.Folder, $"{id}.{PackagesFixture.Version}.nupkg");
            File.Exists(path).ShouldBeTrue($"{id} was not packed");
            using var zip = ZipFile.OpenRead(path);
            zip.GetEntry("README.md").ShouldNotBeNull($"{id} has no README");
            zip.GetEntry($"lib/net10.0/{id}.xml").ShouldNotBeNull($"{id} ships no XML documentation");
            using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var nuspec = XDocument.Load(nuspecStream);
            string? Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            Meta("description").ShouldNotBeNullOrWhiteSpace($"{id} has no description");
            Meta("license").ShouldBe("MIT");
            Meta("readme").ShouldBe("README.md");
            Meta("authors").ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Every_code_block_of_the_integrator_guide_is_headed_with_the_file_it_goes_in()
    {
        var blocks = GuideBlocks.Read(File.ReadAllText(Path.Combine(packages.Root, "docs", "integrator-guide.md")));
        blocks.Count(b => b.Language == "csharp").ShouldBeGreaterThan(10);
        blocks.Where(b => b.File is null).Select(b => $"line {b.Line} ({b.Language})").ShouldBeEmpty("head each block with <!-- file: Project/Name.ext --> so it is compiled");
        blocks.GroupBy(b => b.File).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void The_guide_shows_the_shipped_portal_program()
    {
        var block = GuideBlocks.Read(File.ReadAllText(Path.Combine(packages.Root, "docs", "integrator-guide.md"))).Single(b => b.File == "Portal/Guide/ShippedPortal.cs");
        var shipped = File.ReadAllText(Path.Combine(packages.Root, "src", "Hosts", "Web", "Program.cs"));
        block.Code.Trim().ShouldBe(shipped[..shipped.IndexOf("namespace Modular.Web", StringComparison.Ordinal)].Trim());
    }

    /// <summary>
    /// The integrator guide as a user follows it, from artifacts/packages alone: its third-party module (contracts, module,
    /// UI package), its portal and its worker are built from the guide's code blocks (with every other C# block compiled
    /// in the portal), then the portal and the worker start on one SQLite file. The portal serves the shell's and the
    /// module's pages and API; the worker's consumer receives the event the portal published (the portal does not
    /// dispatch); the module's job runs its first occurrence once although both hosts run jobs.
    /// </summary>
    [Fact]
    public async Task A_portal_a_worker_and_a_module_built_from_the_guide_and_the_packages_share_one_database()
    {
        var work = Directory.CreateTempSubdirectory("modular-integrator").FullName;
        await IntegratorWorkspace.WriteAsync(work, packages);
        var nuget = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, ".packages") };
        foreach (var project in new[] { "Portal", "Worker" })
        {
            var build = await PackagesFixture.RunAsync("dotnet", ["build", Path.Combine(work, project)], work, nuget);
            output.WriteLine(build.Output);
            build.ExitCode.ShouldBe(0, build.Output);
            await ShouldComeFromThePackagesAsync(Path.Combine(work, project));
        }

        // The guide's module tests, on both providers, with Modular.Core.Testing from the packages.
        var tests = await PackagesFixture.RunAsync("dotnet", ["test", Path.Combine(work, "Acme.Modules.Tests")], work, nuget);
        output.WriteLine(tests.Output);
        tests.ExitCode.ShouldBe(0, tests.Output);
        tests.Output.ShouldContain(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MODULAR_TEST_POSTGRES"))
            ? "Passed!  - Failed:     0, Passed:     3" : "Passed!  - Failed:     0, Passed:     6, Skipped:     0");

        var data = Path.Combine(work, "data");
        var shared = new Dictionary<string, string>
        {
            ["Modular__DataFolder"] = data,
            ["Modular__Storage__Provider"] = "Sqlite",
            ["Modular__Storage__ConnectionString"] = "Data Source=" + Path.Combine(data, "shared.db"),
            ["Modular__Schedules__PollSeconds"] = "5",
        };
        var port = FreePort();
        using var worker = HostProcess.Start(Path.Combine(work, "Worker"), "Worker", shared);
        using var portal = HostProcess.Start(Path.Combine(work, "Portal"), "Portal", new Dictionary<string, string>(shared)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Modular__Outbox__DispatchEnabled"] = "false",    // the worker delivers what the portal publishes
            ["Modular__Schedules__RunJobs"] = "true",          // both hosts race for each occurrence
        });
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
            await Until.TrueAsync(async () => (await TryGetAsync(client, "/health/ready"))?.IsSuccessStatusCode == true, "the portal is ready",
                () => portal.HasExited || worker.HasExited);

            (await HeadingAsync(client, "/Account/Login")).ShouldBe((200, "Log in"));
            (await client.GetAsync("/css/site.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var readings = await client.GetAsync("/Readings");
            readings.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            readings.Headers.Location!.ToString().ShouldContain("/Account/Login");
            (await HeadingAsync(client, "/Acme")).ShouldBe((200, "Acme notes"));

            var added = await client.PostAsJsonAsync("/api/v1/acme/notes", new { text = "From the portal" });
            added.StatusCode.ShouldBe(HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
            var noteId = await added.Content.ReadFromJsonAsync<Guid>();

            var received = await Until.ValueAsync(async () =>
            {
                var note = (await ActivityAsync(client)).GetProperty("notes").EnumerateArray().SingleOrDefault(n => n.GetProperty("id").GetGuid() == noteId);
                return note.ValueKind == JsonValueKind.Object && note.GetProperty("receivedBy").GetString() is { } by ? by : null;
            }, "the note's event is received", () => portal.HasExited || worker.HasExited, TimeSpan.FromMinutes(3));
            received.ShouldBe("Worker");

            // The job fires every minute: its first occurrence comes within a minute of the start.
            var ticks = await Until.ValueAsync(async () =>
            {
                var list = (await ActivityAsync(client)).GetProperty("ticks").EnumerateArray()
                    .Select(t => (Occurrence: t.GetProperty("occurrence").GetString()!, Host: t.GetProperty("host").GetString()!)).ToList();
                return list.Count > 0 ? list : null;
            }, "the scheduled job runs", () => portal.HasExited || worker.HasExited, TimeSpan.FromMinutes(3));
            ticks.Count(t => t.Occurrence == ticks[0].Occurrence).ShouldBe(1, string.Join(", ", ticks));
            ticks[0].Host.ShouldBeOneOf("Portal", "Worker");
        }
        finally
        {
            output.WriteLine("--- portal\n" + portal.Stop());
            output.WriteLine("--- worker\n" + worker.Stop());
        }
    }

    private static async Task<JsonElement> ActivityAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/acme"));

    private static async Task<(int Status, string Heading)> HeadingAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, Regex.Match(body, "<h1>([^<]*)</h1>").Groups[1].Value);
    }

    private static async Task<HttpResponseMessage?> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            return await client.GetAsync(path);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The restore resolved every Modular library from artifacts/packages, none from a project.</summary>
    private static async Task ShouldComeFromThePackagesAsync(string project)
    {
        using var assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "obj", "project.assets.json")));
        var modular = assets.RootElement.GetProperty("libraries").EnumerateObject().Where(l => l.Name.StartsWith("Modular.", StringComparison.Ordinal)).ToList();
        modular.ShouldNotBeEmpty();
        modular.Where(l => l.Value.GetProperty("type").GetString() != "package" || !l.Name.EndsWith("/" + PackagesFixture.Version, StringComparison.Ordinal))
            .Select(l => l.Name).ShouldBeEmpty();
    }
}

/// <summary>Runs <c>dotnet pack</c> once for every library project into artifacts/packages.</summary>
public sealed class PackagesFixture : IAsyncLifetime
{
    public const string Version = "0.1.0";

    public static string GlobalPackages => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public string Root { get; } = FindRoot();

    public string Folder => Path.Combine(Root, "artifacts", "packages");

    public List<string> Libraries { get; } = [];

    public async Task InitializeAsync()
    {
        var projects = Directory.GetFiles(Path.Combine(Root, "src", "Core"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(Root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();
        Directory.CreateDirectory(Folder);
        foreach (var project in projects)
        {
            var id = Path.GetFileNameWithoutExtension(project);
            Libraries.Add(id);
            var old = Path.Combine(Folder, $"{id}.{Version}.nupkg");
            if (File.Exists(old))
            {
                File.Delete(old);
            }
        }

        // One pack call for all libraries, through a solution filter of the repository's solution: MSBuild builds the
        // shared projects once and in parallel, instead of once per library.
        var filter = Path.Combine(Root, "artifacts", $"libraries-{Guid.NewGuid():N}.slnf");
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new
        {
            solution = new
            {
                path = "../Modular.sln",
                projects = projects.Select(p => Path.GetRelativePath(Root, p).Replace('/', '\\')).ToArray(),
            },
        }));
        try
        {
            var result = await RunAsync("dotnet", ["pack", filter, "-c", "Release", "-o", Folder, "-p:Version=" + Version], Root);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack failed:\n{result.Output}");
            }
        }
        finally
        {
            File.Delete(filter);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string directory,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Modular.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Modular.sln not found");
    }
}
