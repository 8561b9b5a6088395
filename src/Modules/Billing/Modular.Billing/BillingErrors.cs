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
    public const string RunTakenOver = "billing.run_taken_over";
    public const string ImportCsvInvalid = "billing.import_csv_invalid";
    public const string ImportNumberRequired = "billing.import_number_required";
    public const string ImportCustomerUnknown = "billing.import_customer_unknown";
    public const string ImportAmountsInconsistent = "billing.import_amounts_inconsistent";
    public const string ImportContractPeriodTaken = "billing.import_contract_period_taken";
    public const string ImportSourceMissing = "billing.import_source_missing";
    public const string ConcurrentUpdate = "billing.concurrent_update";
    public const string InvoiceCancelled = "billing.invoice_cancelled";
    public const string InvoiceNotCreditable = "billing.invoice_not_creditable";
    public const string CreditNothingLeft = "billing.credit_nothing_left";
    public const string CreditLinesRequired = "billing.credit_lines_required";
    public const string CreditLinesRepeated = "billing.credit_lines_repeated";
    public const string CreditLineInvalid = "billing.credit_line_invalid";
    public const string CreditQuantityInvalid = "billing.credit_quantity_invalid";
    public const string CreditNoteTooLong = "billing.credit_note_too_long";
    public const string RunNotFound = "billing.run_not_found";
    public const string EInvoiceDisabled = "billing.einvoice_disabled";
    public const string EInvoiceNotAvailable = "billing.einvoice_not_available";
    public const string EInvoiceBuyerUnavailable = "billing.einvoice_buyer_unavailable";
    public const string EInvoiceBuyerIncomplete = "billing.einvoice_buyer_incomplete";
    public const string EInvoiceBuyerEndpointMissing = "billing.einvoice_buyer_endpoint_missing";
    public const string EInvoiceCurrencyUnsupported = "billing.einvoice_currency_unsupported";
    public const string TransmissionNotFound = "billing.einvoice_transmission_not_found";
    public const string TransmissionNotRetryable = "billing.einvoice_transmission_not_retryable";
    public const string AnswerMissing = "billing.einvoice_answer_missing";
}
