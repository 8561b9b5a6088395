namespace Modular.Payments;

/// <summary>Stable error and reason codes of the module (texts in texts/*.json).</summary>
internal static class PaymentsErrors
{
    public const string InvoicesOrAmountRequired = "payments.invoices_or_amount_required";
    public const string InvoiceNotFound = "payments.invoice_not_found";
    public const string InvoiceAlreadyPaid = "payments.invoice_already_paid";
    public const string MixedCurrencies = "payments.mixed_currencies";
    public const string AmountNotPositive = "payments.amount_not_positive";
    public const string AmountTooLarge = "payments.amount_too_large";
    public const string IdempotencyKeyRequired = "payments.idempotency_key_required";
    public const string IdempotencyKeyReused = "payments.idempotency_key_reused";
    public const string ReturnUrlInvalid = "payments.return_url_invalid";
    public const string CustomerNotFound = "payments.customer_not_found";
    public const string PaymentNotFound = "payments.payment_not_found";
    public const string CallbackMismatch = "payments.callback_mismatch";
    public const string PaymentInProgress = "payments.payment_in_progress";
    public const string NotSettled = "payments.not_settled";
    public const string RefundTooLarge = "payments.refund_too_large";
    public const string RefundFailed = "payments.refund_failed";
    public const string ReasonRequired = "payments.reason_required";
    public const string CounterFieldRequired = "payments.counter_field_required";
    public const string CurrencyInvalid = "payments.currency_invalid";
    public const string PdfUnavailable = "payments.pdf_unavailable";
    public const string NoReceiptPrinter = "payments.no_receipt_printer";
    public const string PrinterFailed = "payments.printer_failed";
    public const string SuspenseNotFound = "payments.suspense_not_found";
    public const string ImportNotFound = "payments.import_not_found";
    public const string SuspenseNotOpen = "payments.suspense_not_open";
    public const string SplitPartsInvalid = "payments.split_parts_invalid";
    public const string SplitSumDiffers = "payments.split_sum_differs";
    public const string AmountTooPrecise = "payments.amount_too_precise";
    public const string UnknownPartner = "payments.unknown_partner";
    public const string StatementInvalid = "payments.statement_invalid";
    public const string CsvInvalid = "payments.csv_invalid";
    public const string SandboxTokenInvalid = "payments.sandbox_token_invalid";
    public const string SandboxAlreadyDecided = "payments.sandbox_already_decided";
    public const string CallbackFieldInvalid = "payments.callback_field_invalid";
    public const string InvoicePaymentPending = "payments.invoice_payment_pending";
    public const string TenderedTooLow = "payments.tendered_too_low";
    public const string TenderedNotCash = "payments.tendered_not_cash";
    public const string CardReferenceRequired = "payments.card_reference_required";
    public const string DeskUnknown = "payments.desk_unknown";
    public const string DeskNotChosen = "payments.desk_not_chosen";
    public const string CashierDayClosed = "payments.cashier_day_closed";
    public const string CashierDayAlreadyClosed = "payments.cashier_day_already_closed";
    public const string CashierDayInFuture = "payments.cashier_day_in_future";
    public const string CashierDayCancellationsPending = "payments.cashier_day_cancellations_pending";
    public const string NotCounterPayment = "payments.not_counter_payment";
    public const string CancellationNotToday = "payments.cancellation_not_today";
    public const string CancellationExists = "payments.cancellation_exists";
    public const string CancellationNotFound = "payments.cancellation_not_found";
    public const string CancellationDecided = "payments.cancellation_decided";
    public const string CancellationOwnRequest = "payments.cancellation_own_request";

    // Reasons of import lines (also shown in the report).
    public const string NoReference = "payments.line_no_reference";
    public const string ReferenceUnknown = "payments.line_reference_unknown";
    public const string CurrencyMismatch = "payments.line_currency_mismatch";
    public const string BadAmount = "payments.line_bad_amount";
    public const string BadDate = "payments.line_bad_date";
    public const string MissingField = "payments.line_missing_field";
    public const string BatchAmountsDiffer = "payments.line_batch_amounts_differ";
    public const string ReversalWithoutOriginal = "payments.line_reversal_without_original";
    public const string Debit = "payments.line_debit";
    public const string NotBooked = "payments.line_not_booked";
    public const string FieldTooLong = "payments.line_field_too_long";
}
