using Autofac;
using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public sealed class TextCatalogTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Core_texts_exist_in_romanian_english_and_latvian()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        var texts = host.Container.Resolve<ITextCatalog>();
        foreach (var culture in LocalizationOptions.Supported)
        {
            foreach (var code in new[] { CoreErrors.Required, CoreErrors.Invalid, CoreErrors.NotFound, CoreErrors.Forbidden, CoreErrors.Conflict })
            {
                texts.Contains(code, culture).ShouldBeTrue($"{code} in {culture}");
            }
        }
    }

    [Fact]
    public async Task An_unknown_culture_falls_back_to_the_default_then_the_key()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        var texts = host.Container.Resolve<ITextCatalog>();
        texts.Get(CoreErrors.NotFound, "de").ShouldBe("Nu a fost găsit.");
        texts.Get(CoreErrors.NotFound, "en-GB").ShouldBe("Not found.");
        texts.Get("no.such_key", "ro").ShouldBe("no.such_key");
    }

    [Fact]
    public async Task A_host_overrides_texts_by_file()
    {
        var folder = Directory.CreateTempSubdirectory("modular-texts").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "ro.json"), """{ "core.not_found": "Nu există." }""");
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()),
            new Dictionary<string, string?> { ["Modular:Localization:OverrideDirectory"] = folder });
        var texts = host.Container.Resolve<ITextCatalog>();
        texts.Get(CoreErrors.NotFound, "ro").ShouldBe("Nu există.");
        texts.Get(CoreErrors.NotFound, "lv").ShouldBe("Nav atrasts.");
    }
}
