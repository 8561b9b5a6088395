namespace Modular.Readings;

/// <summary>Stable error and warning codes of the module; texts in texts/{ro,en,lv}.json.</summary>
internal static class ReadingsErrors
{
    public const string MeterNotFound = "readings.meter_not_found";
    public const string ContractNotVisible = "readings.contract_not_visible";
    public const string WindowClosed = "readings.window_closed";
    public const string SelfReadingNotAllowed = "readings.self_reading_not_allowed";
    public const string MeterRemoved = "readings.meter_removed";
    public const string IndexLowerThanPrevious = "readings.index_lower_than_previous";
    public const string IndexTooLarge = "readings.index_too_large";
    public const string IndexTooManyDecimals = "readings.index_too_many_decimals";
    public const string IndexNegative = "readings.index_negative";
    public const string IndexTooManyDigits = "readings.index_too_many_digits";
    public const string ContractEnded = "readings.contract_ended";
    public const string DateBeforeInstall = "readings.date_before_install";
    public const string DateInFuture = "readings.date_in_future";
    public const string PeriodReadByUtility = "readings.period_read_by_utility";
    public const string LaterReadingExists = "readings.later_reading_exists";
    public const string SerialTaken = "readings.serial_taken";
    public const string SerialRequired = "readings.serial_required";
    public const string ContractRequired = "readings.contract_required";
    public const string DigitsInvalid = "readings.digits_invalid";
    public const string DecimalsInvalid = "readings.decimals_invalid";
    public const string MeterOrContractRequired = "readings.meter_or_contract_required";
    public const string PeriodRangeInvalid = "readings.period_range_invalid";
    public const string DaysInvalid = "readings.days_invalid";
    public const string CsvRowInvalid = "readings.csv_row_invalid";
    public const string RolloverNotConfirmed = "readings.rollover_not_confirmed";
    public const string NotARollover = "readings.not_a_rollover";
    public const string PeriodAlreadyRead = "readings.period_already_read";
    public const string ReadingKindInvalid = "readings.reading_kind_invalid";

    // Warnings the customer confirms.
    public const string ConsumptionHigh = "readings.consumption_high";
    public const string ConsumptionZero = "readings.consumption_zero";
}
