namespace Modular.Notifications;

/// <summary>Stable error codes of the module; texts in texts/{ro,en,lv}.json.</summary>
internal static class NotificationsErrors
{
    public const string TypeUnknown = "notifications.type_unknown";
    public const string TypeMandatory = "notifications.type_mandatory";
    public const string UserRequired = "notifications.user_required";
    public const string PhoneRequired = "notifications.phone_required";
    public const string PhoneInvalid = "notifications.phone_invalid";
    public const string PhoneNotVerified = "notifications.phone_not_verified";
    public const string CodeRequired = "notifications.code_required";
    public const string CodeWrong = "notifications.code_wrong";
    public const string CodeExpired = "notifications.code_expired";
    public const string CodeTooManyAttempts = "notifications.code_too_many_attempts";
    public const string CodeTooSoon = "notifications.code_too_soon";
    public const string LinkInvalid = "notifications.link_invalid";
    public const string LinkExpired = "notifications.link_expired";
    public const string SignatureInvalid = "notifications.signature_invalid";
    public const string SignatureStale = "notifications.signature_stale";
    public const string ReportReplayed = "notifications.report_replayed";
    public const string ReportInvalid = "notifications.report_invalid";
    public const string PageInvalid = "notifications.page_invalid";

    // Outages.
    public const string OutageNotFound = "outages.not_found";
    public const string OutageChangedMeanwhile = "outages.changed_meanwhile";
    public const string OutageEnded = "outages.already_ended";
    public const string OutageEndBeforeStart = "outages.end_before_start";
    public const string OutageRestoredInFuture = "outages.restored_in_future";
    public const string OutageNothingChanged = "outages.nothing_changed";
    public const string OutageTextRequired = "outages.text_required";
    public const string OutageTextTooLong = "outages.text_too_long";
    public const string OutageKindInvalid = "outages.kind_invalid";
    public const string OutageServicesRequired = "outages.services_required";
    public const string OutageAreaRequired = "outages.area_required";
    public const string OutageAreaTooLarge = "outages.area_too_large";
    public const string OutageLocalityRequired = "outages.locality_required";
    public const string OutageStreetInvalid = "outages.street_invalid";
    public const string OutageNumbersInvalid = "outages.numbers_invalid";
    public const string OutagePolygonInvalid = "outages.polygon_invalid";
}
