using System.Xml.Linq;

namespace Modular.Packaging.Tests;

/// <summary>
/// The folder an integrator following docs/integrator-guide.md ends up with: a third-party module in three projects, a
/// portal and a worker, their code taken from the guide's blocks; project files and the package source are written here.
/// </summary>
internal static class IntegratorWorkspace
{
    public static async Task WriteAsync(string work, PackagesFixture packages)
    {
        var blocks = GuideBlocks.Read(await File.ReadAllTextAsync(Path.Combine(packages.Root, "docs", "integrator-guide.md")));
        foreach (var block in blocks.Where(b => b.File is not null))
        {
            var path = Path.Combine(work, block.File!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, block.IsSnippet ? GuideBlocks.AsMethod(block) : block.Code);
        }

        string Package(string id) => $"""    <PackageReference Include="{id}" Version="{PackagesFixture.Version}" />""";
        string Project(string name) => $"""    <ProjectReference Include="../{name}/{name}.csproj" />""";

        await WriteProjectAsync(work, "Acme.Modules.Contracts", "Microsoft.NET.Sdk", [Package("Modular.Core.Abstractions")]);
        await WriteProjectAsync(work, "Acme.Modules", "Microsoft.NET.Sdk", [Package("Modular.Core"), Project("Acme.Modules.Contracts")]);
        await WriteProjectAsync(work, "Acme.Modules.Web", "Microsoft.NET.Sdk.Razor", [
                Package("Modular.Web"), Project("Acme.Modules.Contracts"),
                """    <FrameworkReference Include="Microsoft.AspNetCore.App" />""",
                """    <EmbeddedResource Include="texts/*.json" LogicalName="texts/%(Filename)%(Extension)" WithCulture="false" />""",
            ],
            "<AddRazorSupportForMvc>true</AddRazorSupportForMvc>");

        // The portal also carries every package the guide's other blocks name, so they compile beside it (Portal/Guide).
        await WriteProjectAsync(work, "Portal", "Microsoft.NET.Sdk.Web", [
                .. new[]
                {
                    "Modular.Web", "Modular.Hosting", "Modular.Documents.Chromium", "Modular.Accounts", "Modular.Accounts.Web", "Modular.Readings",
                    "Modular.Readings.Web", "Modular.Billing", "Modular.Billing.Web", "Modular.Payments", "Modular.Payments.Web",
                    "Modular.Requests", "Modular.Requests.Web", "Modular.Notifications", "Modular.Notifications.Web",
                    "Modular.Kiosks", "Modular.Kiosks.Web",
                }.Select(Package),
                Project("Acme.Modules"), Project("Acme.Modules.Web"),
            ],
            "<OutputType>Exe</OutputType>");
        await WriteProjectAsync(work, "Worker", "Microsoft.NET.Sdk.Worker", [
                .. new[] { "Modular.Hosting", "Modular.Accounts", "Modular.Readings", "Modular.Billing", "Modular.Payments", "Modular.Requests", "Modular.Notifications", "Modular.Kiosks" }.Select(Package),
                Project("Acme.Modules"),
            ],
            "<OutputType>Exe</OutputType>");

        // The module's tests take the test tooling at the versions the repository tests with.
        var versions = XDocument.Load(Path.Combine(packages.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(v => v.Attribute("Include")!.Value, v => v.Attribute("Version")!.Value);
        string Tool(string id) => $"""    <PackageReference Include="{id}" Version="{versions[id]}" />""";
        await WriteProjectAsync(work, "Acme.Modules.Tests", "Microsoft.NET.Sdk", [
                Package("Modular.Core.Testing"), Tool("Microsoft.NET.Test.Sdk"), Tool("xunit"), Tool("xunit.runner.visualstudio"), Tool("Shouldly"),
                Project("Acme.Modules"),
            ]);

        await File.WriteAllTextAsync(Path.Combine(work, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
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

    private static Task WriteProjectAsync(string work, string name, string sdk, IEnumerable<string> items, string properties = "")
    {
        Directory.CreateDirectory(Path.Combine(work, name));
        return File.WriteAllTextAsync(Path.Combine(work, name, name + ".csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                {properties}
              </PropertyGroup>
              <ItemGroup>
            {string.Join(Environment.NewLine, items)}
              </ItemGroup>
            </Project>
            """);
    }
}
