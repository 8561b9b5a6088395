namespace Modular.Requests;

/// <summary>Stable error codes of the module; texts in texts/{ro,en,lv}.json.</summary>
internal static class RequestsErrors
{
    public const string RequestNotFound = "requests.request_not_found";
    public const string TakeInvalid = "requests.take_invalid";

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
}
