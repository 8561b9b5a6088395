namespace Modular.Requests;

/// <summary>Stable error codes of the module; texts in texts/{ro,en,lv}.json.</summary>
internal static class RequestsErrors
{
    public const string RequestNotFound = "requests.request_not_found";
    public const string TakeInvalid = "requests.take_invalid";
    public const string FormNotFound = "requests.form_not_found";
    public const string FormNotAvailable = "requests.form_not_available";
    public const string FieldRequired = "requests.field_required";
    public const string FieldTooLong = "requests.field_too_long";
    public const string FieldNotANumber = "requests.field_not_a_number";
    public const string FieldOutOfRange = "requests.field_out_of_range";
    public const string FieldNotADate = "requests.field_not_a_date";
    public const string FieldChoiceInvalid = "requests.field_choice_invalid";
    public const string FieldContractNotYours = "requests.field_contract_not_yours";
    public const string FieldMeterNotYours = "requests.field_meter_not_yours";
    public const string FieldInvoiceNotYours = "requests.field_invoice_not_yours";
    public const string ContestPeriodOver = "requests.contest_period_over";
    public const string AttachmentTooLarge = "requests.attachment_too_large";
    public const string TooManyAttachments = "requests.too_many_attachments";
    public const string AttachmentTypeNotAllowed = "requests.attachment_type_not_allowed";
    public const string AttachmentEmpty = "requests.attachment_empty";
    public const string AttachmentFieldUnknown = "requests.attachment_field_unknown";
    public const string AttachmentNotFound = "requests.attachment_not_found";
    public const string CustomerRequired = "requests.customer_required";
    public const string ActingOnBehalfRequired = "requests.acting_on_behalf_required";
    public const string IdempotencyKeyInvalid = "requests.idempotency_key_invalid";
    public const string TransitionNotAllowed = "requests.transition_not_allowed";
    public const string ChangedMeanwhile = "requests.changed_meanwhile";
    public const string RequestClosed = "requests.request_closed";
    public const string ReopenNotAllowed = "requests.reopen_not_allowed";
    public const string MessageRequired = "requests.message_required";
    public const string MessageTooLong = "requests.message_too_long";
    public const string ReasonRequired = "requests.reason_required";
    public const string StaffRequired = "requests.staff_required";

    // Inspection acts.
    public const string ActNotFound = "acts.act_not_found";
    public const string ActNumberRequired = "acts.number_required";
    public const string ActNumberInvalid = "acts.number_invalid";
    public const string ActNumberTaken = "acts.number_taken";
    public const string ActChanged = "acts.changed";
    public const string ActDuplicateInFile = "acts.duplicate_in_file";
    public const string ActContractRequired = "acts.contract_required";
    public const string ActContractNotFound = "acts.contract_not_found";
    public const string ActTypeInvalid = "acts.type_invalid";
    public const string ActDateInvalid = "acts.date_invalid";
    public const string ActDateInFuture = "acts.date_in_future";
    public const string ActInspectorRequired = "acts.inspector_required";
    public const string ActInspectorTooLong = "acts.inspector_too_long";
    public const string ActFindingsRequired = "acts.findings_required";
    public const string ActFindingsTooLong = "acts.findings_too_long";
    public const string ActReadingSerialRequired = "acts.reading_serial_required";
    public const string ActReadingIndexInvalid = "acts.reading_index_invalid";
    public const string ActReadingDateInvalid = "acts.reading_date_invalid";
    public const string ActTooManyReadings = "acts.too_many_readings";
    public const string ActDocumentNotPdf = "acts.document_not_pdf";
    public const string ActDocumentTooLarge = "acts.document_too_large";
    public const string ActDocumentUnmatched = "acts.document_unmatched";
    public const string ActDocumentsInvalid = "acts.documents_invalid";
    public const string ActCsvInvalid = "acts.csv_invalid";
    public const string ActCsvRowInvalid = "acts.csv_row_invalid";
    public const string ActsTakeInvalid = "acts.take_invalid";
    public const string ActChangedMeanwhile = "acts.changed_meanwhile";
    public const string ActCorrectionReasonTooLong = "acts.reason_too_long";
}
