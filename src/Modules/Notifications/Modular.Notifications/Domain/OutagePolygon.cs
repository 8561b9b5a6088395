using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Modular.Notifications.Domain;

/// <summary>
/// An outage's area drawn as a GeoJSON Polygon or MultiPolygon (a bare geometry, a Feature or a FeatureCollection of them),
/// in WGS 84 longitude/latitude. A premises inside it or on its edge is affected.
/// </summary>
internal sealed class OutagePolygon
{
    private static readonly JsonSerializerOptions Json = CreateOptions();

    private readonly Geometry _area;

    private OutagePolygon(Geometry area) => _area = area;

    /// <summary>The polygon, or null when the text is not GeoJSON of polygons with valid coordinates.</summary>
    public static OutagePolygon? TryParse(string? geoJson)
    {
        if (string.IsNullOrWhiteSpace(geoJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(geoJson);
            var type = document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var geometries = type switch
            {
                "FeatureCollection" => JsonSerializer.Deserialize<FeatureCollection>(geoJson, Json)?.Select(f => f.Geometry).ToList(),
                "Feature" => JsonSerializer.Deserialize<IFeature>(geoJson, Json) is { } feature ? [feature.Geometry] : null,
                "Polygon" or "MultiPolygon" => JsonSerializer.Deserialize<Geometry>(geoJson, Json) is { } geometry ? [geometry] : null,
                _ => null,
            };
            if (geometries is null || geometries.Count == 0
                || geometries.Any(g => g is not (Polygon or MultiPolygon) || g.IsEmpty || !g.IsValid || !InRange(g)))
            {
                return null;
            }

            var union = geometries.Count == 1 ? geometries[0] : new GeometryFactory().BuildGeometry(geometries).Union();
            return new OutagePolygon(union);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether the point (longitude, latitude) is inside the area or on its edge.</summary>
    public bool Covers(double latitude, double longitude) => _area.Covers(new Point(longitude, latitude));

    private static bool InRange(Geometry geometry) =>
        geometry.Coordinates.All(c => c.X is >= -180 and <= 180 && c.Y is >= -90 and <= 90 && double.IsFinite(c.X) && double.IsFinite(c.Y));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
