using System.Text.Json;
using FluentValidation;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;

namespace Modular.Notifications.Outages;

/// <summary>The rules the outage commands share: texts, times, the area in streets and/or a GeoJSON polygon.</summary>
internal static class OutageRules
{
    public const int TextLength = 2000;

    public const int NameLength = 100;

    public const int MaxStreets = 200;

    public const int GeoJsonLength = 200_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StreetRange ToRange(OutageStreet s) => new(s.Locality.Trim(), string.IsNullOrWhiteSpace(s.Street) ? null : s.Street.Trim(), s.From, s.To,
        s.Numbers switch
        {
            HouseNumbers.Odd => HouseParity.Odd,
            HouseNumbers.Even => HouseParity.Even,
            _ => HouseParity.All,
        });

    public static string WriteStreets(IEnumerable<OutageStreet> streets) => JsonSerializer.Serialize(
        streets.Select(s => new OutageStreet(s.Locality.Trim(), string.IsNullOrWhiteSpace(s.Street) ? null : s.Street.Trim(), s.From, s.To, s.Numbers)).ToList(), Json);

    public static IReadOnlyList<OutageStreet> ReadStreets(string json) => JsonSerializer.Deserialize<List<OutageStreet>>(json, Json) ?? [];

    /// <summary>The localities named by the streets (as typed, first spelling of each), else none (a polygon only).</summary>
    public static string Localities(IEnumerable<OutageStreet> streets) => string.Join('|',
        streets.Select(s => s.Locality.Trim()).DistinctBy(AddressText.Normalize).Order(StringComparer.CurrentCulture));

    public static IReadOnlyList<string> LocalityList(string localities) =>
        localities.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class AnnounceOutageValidator : AbstractValidator<AnnounceOutage>
{
    public AnnounceOutageValidator()
    {
        RuleFor(c => c.Kind).IsInEnum().WithErrorCode(NotificationsErrors.OutageKindInvalid);
        RuleFor(c => c.Services).Must(s => s != OutageServices.None && (s & ~(OutageServices.Water | OutageServices.Sewerage)) == 0)
            .WithErrorCode(NotificationsErrors.OutageServicesRequired);
        RuleFor(c => c.ExpectedEnd).GreaterThan(c => c.Start).WithErrorCode(NotificationsErrors.OutageEndBeforeStart);
        RuleFor(c => c.Texts).NotNull().WithErrorCode(NotificationsErrors.OutageTextRequired).SetValidator(new OutageTextsValidator());
        RuleFor(c => c.Streets).Must((c, streets) => (streets?.Count ?? 0) > 0 || !string.IsNullOrWhiteSpace(c.AreaGeoJson))
            .WithErrorCode(NotificationsErrors.OutageAreaRequired);
        RuleFor(c => c.Streets).Must(s => s is null || s.Count <= OutageRules.MaxStreets).WithErrorCode(NotificationsErrors.OutageAreaTooLarge);
        RuleForEach(c => c.Streets).ChildRules(street =>
        {
            street.RuleFor(s => s.Locality).NotEmpty().WithErrorCode(NotificationsErrors.OutageLocalityRequired)
                .MaximumLength(OutageRules.NameLength).WithErrorCode(NotificationsErrors.OutageLocalityRequired);
            street.RuleFor(s => s.Street).MaximumLength(OutageRules.NameLength).WithErrorCode(NotificationsErrors.OutageStreetInvalid);
            street.RuleFor(s => s.From).GreaterThan(0).WithErrorCode(NotificationsErrors.OutageNumbersInvalid).When(s => s.From is not null);
            street.RuleFor(s => s.To).GreaterThan(0).WithErrorCode(NotificationsErrors.OutageNumbersInvalid).When(s => s.To is not null);
            street.RuleFor(s => s.To).GreaterThanOrEqualTo(s => s.From!.Value).WithErrorCode(NotificationsErrors.OutageNumbersInvalid)
                .When(s => s.From is not null && s.To is not null);
            street.RuleFor(s => s.Street).NotEmpty().WithErrorCode(NotificationsErrors.OutageStreetInvalid)
                .When(s => s.From is not null || s.To is not null || s.Numbers != HouseNumbers.All);
            street.RuleFor(s => s.Numbers).IsInEnum().WithErrorCode(NotificationsErrors.OutageNumbersInvalid);
        }).When(c => c.Streets is not null);
        RuleFor(c => c.AreaGeoJson).Must(g => g!.Length <= OutageRules.GeoJsonLength && OutagePolygon.TryParse(g) is not null)
            .WithErrorCode(NotificationsErrors.OutagePolygonInvalid).When(c => !string.IsNullOrWhiteSpace(c.AreaGeoJson));
    }
}

/// <summary>All three texts, each at most <see cref="OutageRules.TextLength"/> characters.</summary>
internal sealed class OutageTextsValidator : AbstractValidator<OutageTexts>
{
    public OutageTextsValidator()
    {
        RuleFor(t => t.Ro).NotEmpty().WithErrorCode(NotificationsErrors.OutageTextRequired)
            .MaximumLength(OutageRules.TextLength).WithErrorCode(NotificationsErrors.OutageTextTooLong);
        RuleFor(t => t.En).NotEmpty().WithErrorCode(NotificationsErrors.OutageTextRequired)
            .MaximumLength(OutageRules.TextLength).WithErrorCode(NotificationsErrors.OutageTextTooLong);
        RuleFor(t => t.Lv).NotEmpty().WithErrorCode(NotificationsErrors.OutageTextRequired)
            .MaximumLength(OutageRules.TextLength).WithErrorCode(NotificationsErrors.OutageTextTooLong);
    }
}
