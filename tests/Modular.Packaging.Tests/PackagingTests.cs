using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Modular.Packaging.Tests;

/// <summary>
/// Packs every library into artifacts/packages and builds a throwaway host that takes Modular from that folder
/// only (no project references), composes every module, and starts.
/// </summary>
public sealed class PackagingTests(PackagesFixture packages, ITestOutputHelper output) : IClassFixture<PackagesFixture>
{
    [Fact]
    public void Every_library_has_a_package_with_readme_and_metadata()
    {
        packages.Libraries.ShouldNotBeEmpty();
        foreach (var id in packages.Libraries)
        {
            var path = Path.Combine(packages.Folder, $"{id}.{PackagesFixture.Version}.nupkg");
            File.Exists(path).ShouldBeTrue($"{id} was not packed");
            using var zip = ZipFile.OpenRead(path);
            zip.GetEntry("README.md").ShouldNotBeNull($"{id} has no README");
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
    public async Task A_host_built_from_the_packages_alone_starts_and_is_healthy()
    {
        var work = Directory.CreateTempSubdirectory("modular-consumer").FullName;
        var modules = packages.Libraries
            .Where(id => !id.StartsWith("Modular.Core", StringComparison.Ordinal) && !id.EndsWith(".Contracts", StringComparison.Ordinal)
                && !id.StartsWith("Modular.Documents", StringComparison.Ordinal) && !IsWeb(id) && id != "Modular.Hosting")
            .Select(id => id["Modular.".Length..])
            .ToList();
        var references = new StringBuilder();
        foreach (var id in packages.Libraries.Where(id => !id.EndsWith(".Contracts", StringComparison.Ordinal) && !IsWeb(id)))
        {
            references.AppendLine($"""    <PackageReference Include="{id}" Version="{PackagesFixture.Version}" />""");
        }

        await WriteProjectAsync(work, "Microsoft.NET.Sdk", references.ToString());
        var usings = string.Join("\n", modules.Select(m => $"using Modular.{m};"));
        var adds = string.Concat(modules.Select(m => $".Add{m}()"));
        await File.WriteAllTextAsync(Path.Combine(work, "Program.cs"), $$"""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Diagnostics.HealthChecks;
            using Microsoft.Extensions.Hosting;
            using Modular.Core.Composition;
            {{usings}}

            var builder = Host.CreateApplicationBuilder(args);
            builder.AddModular(m => m.UseSqlite(Path.Combine(AppContext.BaseDirectory, "consumer.db")){{adds}});
            using var host = builder.Build();
            await host.StartAsync();
            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Console.WriteLine($"HEALTH {report.Status}");
            await host.StopAsync();
            return report.Status == HealthStatus.Healthy ? 0 : 1;
            """);

        var run = await RunAsync(work);
        run.ShouldContain("HEALTH Healthy");
        await ShouldComeFromThePackagesAsync(work, "Modular.Core");
    }

    [Fact]
    public async Task A_web_host_built_from_the_packages_alone_serves_the_log_in_page_and_a_module_page()
    {
        var work = Directory.CreateTempSubdirectory("modular-web-consumer").FullName;
        var references = string.Concat(new[] { "Modular.Web", "Modular.Accounts", "Modular.Accounts.Web", "Modular.Readings", "Modular.Readings.Web" }
            .Select(id => $"""    <PackageReference Include="{id}" Version="{PackagesFixture.Version}" />{Environment.NewLine}"""));
        await WriteProjectAsync(work, "Microsoft.NET.Sdk.Web", references);
        // The host as an integrator writes it, plus a sign-in for this check only (the portal's own session code).
        await File.WriteAllTextAsync(Path.Combine(work, "Program.cs"), """
            using System.Net;
            using Microsoft.AspNetCore.Hosting.Server;
            using Microsoft.AspNetCore.Hosting.Server.Features;
            using Modular.Accounts;
            using Modular.Accounts.Web;
            using Modular.Core.Composition;
            using Modular.Readings;
            using Modular.Readings.Web;
            using Modular.Web;
            using Modular.Web.Security;

            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddModular(m => m
                .UseSqlite(Path.Combine(AppContext.BaseDirectory, "web-consumer.db"))
                .AddWeb()
                .AddAccounts().AddAccountsWeb()
                .AddReadings().AddReadingsWeb());
            var app = builder.Build();
            app.UseModularWeb();
            app.MapGet("/check/sign-in", async (HttpContext context) =>
            {
                await PortalSession.SignInAsync(context, Guid.NewGuid(), "check@example.com", "en");
                return Results.Ok();
            }).AllowAnonymous();
            await app.StartAsync();

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
            async Task ReportAsync(string label, string path)
            {
                var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Console.WriteLine($"{label} {(int)response.StatusCode} {body.Contains("<h1>", StringComparison.Ordinal)} {System.Text.RegularExpressions.Regex.Match(body, "<h1>([^<]*)</h1>").Groups[1].Value}");
            }

            await ReportAsync("LOGIN", "/Account/Login");
            await ReportAsync("STYLES", "/css/site.css");
            await client.GetAsync("/check/sign-in");
            await ReportAsync("READINGS", "/Readings");
            await app.StopAsync();
            """);

        var run = await RunAsync(work);
        run.ShouldContain("LOGIN 200 True Log in");
        run.ShouldContain("STYLES 200");
        run.ShouldContain("READINGS 200 True Readings");
        await ShouldComeFromThePackagesAsync(work, "Modular.Web");
    }

    private static bool IsWeb(string id) => id == "Modular.Web" || id.EndsWith(".Web", StringComparison.Ordinal);

    private async Task WriteProjectAsync(string work, string sdk, string references)
    {
        await File.WriteAllTextAsync(Path.Combine(work, "Consumer.csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);
        // Only the packed folder and the machine's package cache: Modular must come from artifacts/packages.
        await File.WriteAllTextAsync(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="modular" value="{packages.Folder}" />
                <add key="cache" value="{PackagesFixture.GlobalPackages}" />
              </packageSources>
            </configuration>
            """);
    }

    private async Task<string> RunAsync(string work)
    {
        var run = await PackagesFixture.RunAsync("dotnet", ["run", "--project", work], work,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, ".packages") });
        output.WriteLine(run.Output);
        run.ExitCode.ShouldBe(0, run.Output);
        return run.Output;
    }

    /// <summary>The restore resolved <paramref name="id"/> from artifacts/packages, not from a project.</summary>
    private static async Task ShouldComeFromThePackagesAsync(string work, string id)
    {
        var assets = await File.ReadAllTextAsync(Path.Combine(work, "obj", "project.assets.json"));
        assets.ShouldContain($"\"{id}/{PackagesFixture.Version}\"");
        assets.ShouldNotContain("\"type\": \"project\"");
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

        // One pack call for all libraries: a temporary solution filter would be MSBuild magic; the projects are listed instead.
        foreach (var project in projects)
        {
            var result = await RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", Folder, "-p:Version=" + Version], Root);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{result.Output}");
            }
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
