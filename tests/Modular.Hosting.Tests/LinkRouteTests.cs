using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Core.Links;
using Shouldly;
using Xunit;

namespace Modular.Hosting.Tests;

public sealed class LinkRouteTests
{
    [Fact]
    public void A_named_route_fills_its_placeholders_and_puts_the_other_values_in_the_query()
    {
        var links = Links(new LinksOptions { Portal = "https://portal.apa.example/" },
            new LinkRoute("payments.receipt", PublicSurface.Portal, "/payments/{id}/receipt"));
        links.To("payments.receipt", ("id", "p 1"), ("lang", "ro"), ("skip", null)).ShouldBe("https://portal.apa.example/payments/p%201/receipt?lang=ro");
    }

    [Fact]
    public void Without_any_known_address_a_link_names_the_setting_to_give()
    {
        var links = Links(new LinksOptions(), new LinkRoute("x", PublicSurface.Staff, "/x"));
        Should.Throw<LinkAddressUnknownException>(() => links.To("x")).Message.ShouldContain("Modular:Links:Staff");
        links.TryBaseOf(PublicSurface.Staff).ShouldBeNull();
    }

    [Fact]
    public void A_surface_address_that_is_not_an_absolute_http_url_is_refused_with_its_key()
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new LinksOptions { Kiosk = "kiosk.local" };
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        results.ShouldHaveSingleItem().MemberNames.ShouldBe(["Kiosk"]);
    }

    private static PublicLinks Links(LinksOptions options, params LinkRoute[] routes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Modular:DataFolder"] = Directory.CreateTempSubdirectory("modular-empty").FullName,
        }).Build();
        return new PublicLinks(new StaticOptions(options), routes, new SurfaceAddressBook(DataFolder.Resolve(configuration, "/")));
    }

    private sealed class StaticOptions(LinksOptions value) : IOptionsMonitor<LinksOptions>
    {
        public LinksOptions CurrentValue => value;

        public LinksOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LinksOptions, string?> listener) => null;
    }
}
