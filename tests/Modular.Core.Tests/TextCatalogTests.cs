using Autofac;
using Modular.Core.Localization;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
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

    [Theory]
    [InlineData("ro", "1.234,785 m³ din 05.03.2026, rest 96,45 RON, martie 2026, 3 luni, 2026")]
    [InlineData("lv", "1\u00a0234,785 m³ din 05.03.2026, rest 96,45 RON, marts 2026, 3 luni, 2026")]
    [InlineData("en", "1,234.785 m³ din 05/03/2026, rest 96.45 RON, March 2026, 3 luni, 2026")]
    public async Task Message_values_are_written_in_the_message_language_as_pages_and_documents_write_them(string culture, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("modular-texts").FullName;
        foreach (var language in LocalizationOptions.Supported)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, language + ".json"),
                """{ "test.figures": "{use} m³ din {since}, rest {left}, {month}, {count} luni, {year}" }""");
        }

        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()),
            new Dictionary<string, string?> { ["Modular:Localization:OverrideDirectory"] = folder });
        var texts = host.Container.Resolve<ITextCatalog>();
        var error = Error.Of("test.figures", null, ("use", (object?)1234.785m), ("since", new LocalDate(2026, 3, 5)),
            ("left", new Modular.Core.Money.Money(96.45m, Currency.Ron)), ("month", new YearMonth(2026, 3)), ("count", 3), ("year", 2026));

        texts.Describe(error, culture).Replace('\u202f', '\u00a0').ShouldBe(expected);
    }
}
