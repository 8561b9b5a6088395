using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Outages;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Outages;

/// <summary>Which premises an outage's area takes: street ranges (locality, street, from–to, odd/even) and GeoJSON polygons.</summary>
public sealed class OutageAreaTests
{
    private static readonly StreetRange OddOneToFifteen = new("Petroșani", "Strada Mihai Eminescu", 1, 15, HouseParity.Odd);

    [Theory]
    [InlineData("1", true)]
    [InlineData("7", true)]
    [InlineData("15", true)]
    [InlineData("15A", true)]
    [InlineData("17", false)]
    [InlineData("8", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void An_odd_range_from_to_takes_only_odd_numbers_inside_it(string? number, bool taken) =>
        OddOneToFifteen.Covers("Petroșani", "Strada Mihai Eminescu", number).ShouldBe(taken);

    [Theory]
    [InlineData("2", true)]
    [InlineData("40", true)]
    [InlineData("1", false)]
    [InlineData("41", false)]
    public void An_even_range_takes_only_even_numbers(string number, bool taken) =>
        new StreetRange("Giurgiu", "Bulevardul Ștefan cel Mare", 2, 40, HouseParity.Even).Covers("Giurgiu", "Bulevardul Ștefan cel Mare", number).ShouldBe(taken);

    [Theory]
    [InlineData("Str. Mihai Eminescu")]
    [InlineData("strada mihai eminescu")]
    [InlineData("STR MIHAI EMINESCU")]
    [InlineData("Mihai Eminescu")]
    [InlineData("Str.Mihai  Eminescu")]
    public void Street_name_variants_match_the_same_street(string street) =>
        OddOneToFifteen.Covers("Petroșani", street, "3").ShouldBeTrue();

    [Theory]
    [InlineData("Petrosani")]
    [InlineData("PETROȘANI")]
    [InlineData("Petroşani")]
    public void Localities_match_without_diacritics_or_case(string locality) =>
        OddOneToFifteen.Covers(locality, "Strada Mihai Eminescu", "3").ShouldBeTrue();

    [Fact]
    public void Another_street_or_locality_is_not_taken()
    {
        OddOneToFifteen.Covers("Petroșani", "Strada Mihai Viteazu", "3").ShouldBeFalse();
        OddOneToFifteen.Covers("Lupeni", "Strada Mihai Eminescu", "3").ShouldBeFalse();
    }

    [Fact]
    public void A_street_without_numbers_and_a_whole_locality_take_every_house()
    {
        new StreetRange("Vulcan", "Aleea Teilor", null, null, HouseParity.All).Covers("Vulcan", "Al. Teilor", null).ShouldBeTrue();
        new StreetRange("Vulcan", null, null, null, HouseParity.All).Covers("VULCAN", "Strada Horea", "99").ShouldBeTrue();
        new StreetRange("Vulcan", "Strada Horea", 10, null, HouseParity.All).Covers("Vulcan", "Horea", "250").ShouldBeTrue();
        new StreetRange("Vulcan", "Strada Horea", null, 10, HouseParity.All).Covers("Vulcan", "Horea", "11").ShouldBeFalse();
    }

    [Fact]
    public void Latvian_street_type_words_are_ignored_too() =>
        new StreetRange("Rīga", "Brīvības iela", 1, 99, HouseParity.All).Covers("Riga", "Brivibas", "12-5").ShouldBeTrue();

    private const string Square = """{"type":"Polygon","coordinates":[[[23.36,45.40],[23.38,45.40],[23.38,45.42],[23.36,45.42],[23.36,45.40]]]}""";

    [Theory]
    [InlineData(45.41, 23.37, true)]
    [InlineData(45.40, 23.37, true)]
    [InlineData(45.41, 23.38, true)]
    [InlineData(45.42, 23.36, true)]
    [InlineData(45.43, 23.37, false)]
    [InlineData(45.41, 23.3801, false)]
    public void A_polygon_takes_points_inside_it_and_on_its_edge(double latitude, double longitude, bool taken) =>
        OutagePolygon.TryParse(Square)!.Covers(latitude, longitude).ShouldBe(taken);

    [Fact]
    public void Features_feature_collections_and_multipolygons_are_read()
    {
        var feature = """{"type":"Feature","properties":{"name":"zona 1"},"geometry":""" + Square + "}";
        var collection = """{"type":"FeatureCollection","features":[""" + feature
            + """,{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[25.96,43.90],[25.98,43.90],[25.98,43.91],[25.96,43.90]]]}}]}""";
        var multi = """{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[10,10],[11,10],[11,11],[10,10]]]]}""";

        OutagePolygon.TryParse(feature)!.Covers(45.41, 23.37).ShouldBeTrue();
        OutagePolygon.TryParse(collection)!.Covers(43.901, 25.975).ShouldBeTrue();
        OutagePolygon.TryParse(collection)!.Covers(45.41, 23.37).ShouldBeTrue();
        OutagePolygon.TryParse(multi)!.Covers(10.2, 10.8).ShouldBeTrue();
        OutagePolygon.TryParse(multi)!.Covers(5, 5).ShouldBeFalse();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"Point","coordinates":[23.37,45.41]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[23.36,45.40],[23.38,45.40]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[200,0],[201,0],[201,1],[200,0]]]}""")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""")]
    public void Bad_geojson_is_no_area(string text) => OutagePolygon.TryParse(text).ShouldBeNull();

    [Fact]
    public void Bad_input_is_refused_by_the_announcement_rules()
    {
        var validator = new AnnounceOutageValidator();
        var start = NodaTime.Instant.FromUtc(2026, 12, 1, 8, 0);
        var texts = new OutageTexts("Lucrări", "Works", "Darbi");
        AnnounceOutage Announce(NodaTime.Instant end, IReadOnlyList<OutageStreet> streets, string? polygon = null) =>
            new(OutageKind.Planned, OutageServices.Water, start, end, texts, streets, polygon);

        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(-1)), [new OutageStreet("Giurgiu")])).ShouldBe(["outages.end_before_start"]);
        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(4)), [])).ShouldBe(["outages.area_required"]);
        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(4)), [], "{\"type\":\"Polygon\"}")).ShouldBe(["outages.polygon_invalid"]);
        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(4)), [new OutageStreet("Giurgiu", "Strada Gării", 20, 10)])).ShouldBe(["outages.numbers_invalid"]);
        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(4)), [new OutageStreet(" ")])).ShouldBe(["outages.locality_required"]);
        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(4)), [new OutageStreet("Giurgiu", null, 1, 9)])).ShouldBe(["outages.street_invalid"]);
        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(4)), [new OutageStreet("Giurgiu")]) with { Texts = texts with { Lv = "" } }).ShouldBe(["outages.text_required"]);
        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(4)), [new OutageStreet("Giurgiu")]) with { Services = OutageServices.None }).ShouldBe(["outages.services_required"]);
        Codes(validator, Announce(start.Plus(NodaTime.Duration.FromHours(4)), [new OutageStreet("Giurgiu")])).ShouldBeEmpty();
    }

    private static List<string> Codes(AnnounceOutageValidator validator, AnnounceOutage command) =>
        validator.Validate(command).Errors.Select(e => e.ErrorCode).Distinct().ToList();
}
