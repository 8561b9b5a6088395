using System.Net;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>Branding by configuration and by override files: name, logo, colours, footer, contact, and terms per version and language.</summary>
public abstract class BrandingTests(TestDatabase database) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modular-brand").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [DbFact]
    public async Task The_settings_show_the_utilitys_name_logo_colours_footer_and_contact_on_every_page()
    {
        var logo = Path.Combine(_folder, "emblem.svg");
        await File.WriteAllTextAsync(logo, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");
        await using var portal = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Modular:Web:Branding:Name"] = "Apa Serv Valea Jiului",
            ["Modular:Web:Branding:Logo"] = logo,
            ["Modular:Web:Branding:Colors:Primary"] = "#00695c",
            ["Modular:Web:Branding:Colors:Focus"] = "rgb(255, 213, 79)",
            ["Modular:Web:Branding:Footer:en"] = "Water and sewerage for the Jiu valley",
            ["Modular:Web:Branding:Contact:Phone"] = "0254 542 424",
            ["Modular:Web:Branding:Contact:Email"] = "clienti@apaserv.example",
        });
        var client = portal.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var html = await client.GetStringAsync("/Account/Login");
        html.ShouldContain("<title>Log in – Apa Serv Valea Jiului</title>");
        html.ShouldContain("<img class=\"brand-logo\" src=\"/brand/logo\" alt=\"\">");
        html.ShouldContain("<span>Apa Serv Valea Jiului</span>");
        html.ShouldContain("© Apa Serv Valea Jiului · Water and sewerage for the Jiu valley");
        html.ShouldContain("<a href=\"tel:0254542424\">0254 542 424</a>");
        html.ShouldContain("<a href=\"mailto:clienti@apaserv.example\">clienti@apaserv.example</a>");

        var css = await client.GetStringAsync("/brand.css");
        css.ShouldContain("--brand: #00695c;");
        css.ShouldContain("--focus: rgb(255, 213, 79);");
        var image = await client.GetAsync("/brand/logo");
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
    }

    [DbFact]
    public async Task Override_files_supply_the_logo_stylesheet_footer_and_the_terms_of_each_version_and_language()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "logo.png"), [0x89, 0x50, 0x4E, 0x47]);
        await File.WriteAllTextAsync(Path.Combine(_folder, "brand.css"), ".brand { letter-spacing: .05em; }");
        await File.WriteAllTextAsync(Path.Combine(_folder, "footer.ro.txt"), "Program: luni–vineri 8–16");
        Directory.CreateDirectory(Path.Combine(_folder, "terms", "2026-01"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "terms", "2026-01", "ro.html"), "<h2>Condiții generale</h2><p>Textul în română.</p>");
        await File.WriteAllTextAsync(Path.Combine(_folder, "terms", "2026-01", "en.html"), "<h2>General terms</h2><p>The English text.</p>");
        await using var portal = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Modular:Web:Branding:Directory"] = _folder,
            ["Modular:Accounts:TermsVersion"] = "2026-01",
        });

        var english = portal.Client();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var terms = await english.GetStringAsync("/Account/Terms");
        terms.ShouldContain("Version 2026-01");
        terms.ShouldContain("<h2>General terms</h2><p>The English text.</p>");
        terms.ShouldNotContain("I accept", Case.Sensitive, "only a signed-in user accepts");

        // Latvian has no text of its own: the default language's (ro) is shown, and its footer too.
        var latvian = portal.Client();
        latvian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("lv");
        var fallback = await latvian.GetStringAsync("/Account/Terms");
        fallback.ShouldContain("<h2>Condiții generale</h2>");
        fallback.ShouldContain("Program: luni–vineri 8–16");

        (await english.GetStringAsync("/brand.css")).ShouldContain(".brand { letter-spacing: .05em; }");
        (await english.GetAsync("/brand/logo")).Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await english.GetStringAsync("/Account/Register")).ShouldContain("href=\"/Account/Terms\"");
    }

    [DbFact]
    public async Task Without_a_text_for_the_version_the_terms_page_says_so()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?> { ["Modular:Web:Branding:Directory"] = _folder });
        var client = portal.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        (await client.GetStringAsync("/Account/Terms")).ShouldContain("has not published the text of these terms");
        (await client.GetAsync("/brand/logo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task A_branding_value_that_would_break_out_of_the_stylesheet_or_a_missing_file_stops_the_start_with_the_key()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Modular:Web:Branding:Colors:Primary"] = "red; } body { display: none",
            ["Modular:Web:Branding:Logo"] = Path.Combine(_folder, "missing.svg"),
            ["Modular:Web:Branding:Contact:Website"] = "javascript:alert(1)",
        });
        var failure = Should.Throw<Exception>(() => portal.Server).ToString();
        failure.ShouldContain("Modular:Web:Branding:Colors:Primary");
        failure.ShouldContain("Modular:Web:Branding:Logo");
        failure.ShouldContain("Modular:Web:Branding:Contact:Website");
    }
}

public sealed class SqliteBrandingTests(SqliteDatabase database) : BrandingTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresBrandingTests(PostgresDatabase database) : BrandingTests(database), IClassFixture<PostgresDatabase>;
