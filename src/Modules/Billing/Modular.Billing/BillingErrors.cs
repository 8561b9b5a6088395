namespace Modular.Billing;

/// <summary>The module's stable error codes (texts in texts/{en,ro,lv}.json).</summary>
internal static class BillingErrors
{
    public const string ContractInvalid = "billing.contract_invalid";
    public const string ConsumptionMissing = "billing.consumption_missing";
    public const string ConsumptionNegative = "billing.consumption_negative";
    public const string TariffMissing = "billing.tariff_missing";
    public const string TariffCurrencyMixed = "billing.tariff_currency_mixed";
    public const string TariffOverlap = "billing.tariff_overlap";
    public const string TariffNameRequired = "billing.tariff_name_required";
    public const string TariffPriceNegative = "billing.tariff_price_negative";
    public const string TariffVatRateInvalid = "billing.tariff_vat_rate_invalid";
    public const string TariffPeriodInvalid = "billing.tariff_period_invalid";
    public const string CurrencyInvalid = "billing.currency_invalid";
    public const string ContractsUnavailable = "billing.contracts_unavailable";
    public const string ConsumptionUnavailable = "billing.consumption_unavailable";
    public const string InvoiceNotFound = "billing.invoice_not_found";
    public const string PdfUnavailable = "billing.pdf_unavailable";
    public const string PeriodRangeInvalid = "billing.period_range_invalid";
    public const string ImportCsvInvalid = "billing.import_csv_invalid";
    public const string ImportNumberRequired = "billing.import_number_required";
    public const string ImportCustomerUnknown = "billing.import_customer_unknown";
    public const string ImportAmountsInconsistent = "billing.import_amounts_inconsistent";
    public const string ImportContractPeriodTaken = "billing.import_contract_period_taken";
    public const string ImportSourceMissing = "billing.import_source_missing";
}
