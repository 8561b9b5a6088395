namespace Modular.Kiosks;

/// <summary>Stable error codes of the module; texts in texts/{ro,en,lv}.json.</summary>
internal static class KiosksErrors
{
    public const string KioskNotFound = "kiosks.kiosk_not_found";
    public const string CodeRequired = "kiosks.code_required";
    public const string CodeInvalid = "kiosks.code_invalid";
    public const string CodeTaken = "kiosks.code_taken";
    public const string CentreRequired = "kiosks.centre_required";
    public const string NameRequired = "kiosks.name_required";
    public const string KeyInvalid = "kiosks.key_invalid";
    public const string KioskRetired = "kiosks.kiosk_retired";
    public const string AmountNotPositive = "kiosks.amount_not_positive";
    public const string CurrencyInvalid = "kiosks.currency_invalid";
    public const string NotesInvalid = "kiosks.notes_invalid";
    public const string NotesDoNotAddUp = "kiosks.notes_do_not_add_up";
    public const string CardAuthorizationRequired = "kiosks.card_authorization_required";
    public const string EntryReused = "kiosks.entry_reused";
    public const string PendingInvalid = "kiosks.pending_invalid";
    public const string DayInFuture = "kiosks.day_in_future";
}
