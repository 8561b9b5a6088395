using System.ComponentModel.DataAnnotations;
using NodaTime;
using NodaTime.Text;

namespace Modular.Requests;

/// <summary>Where attachments' bytes are kept.</summary>
public enum RequestFileStoreKind
{
    /// <summary>In the module's database (table <c>files</c>), in the transaction of the request.</summary>
    Database,

    /// <summary>In <see cref="RequestsOptions.FileFolder"/> (relative to the data folder).</summary>
    Folder,
}

/// <summary><c>Modular:Requests</c>: the form catalogue, numbering, the workflow's windows, attachments and the utility's working calendar.</summary>
public sealed class RequestsOptions : IValidatableObject
{
    /// <summary>The utility's catalogue (JSON, relative to the data folder); empty: the starter catalogue shipped in the package.</summary>
    public string? CatalogueFile { get; set; }

    /// <summary>The prefix of request numbers (<c>CR</c> gives <c>CR-2026-000123</c>).</summary>
    [Required]
    [RegularExpression("^[A-Z]{1,8}$")]
    public string NumberPrefix { get; set; } = "CR";

    /// <summary>Days after its resolution during which the customer may reopen a request.</summary>
    [Range(0, 365)]
    public int ReopenDays { get; set; } = 14;

    /// <summary>Days after an invoice's issue date during which its reading may be disputed (forms with <c>withinContestPeriod</c>).</summary>
    [Range(1, 365)]
    public int ContestPeriodDays { get; set; } = 30;

    /// <summary>Largest attachment in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most files with one submission or one reply.</summary>
    [Range(0, 20)]
    public int MaxAttachments { get; set; } = 5;

    /// <summary>Types accepted, as recognised from the content: <c>application/pdf</c>, <c>image/jpeg</c>, <c>image/png</c>.</summary>
    public List<string> AllowedTypes { get; set; } = ["application/pdf", "image/jpeg", "image/png"];

    public RequestFileStoreKind FileStore { get; set; } = RequestFileStoreKind.Database;

    /// <summary>The folder of <see cref="RequestFileStoreKind.Folder"/> (relative to the data folder).</summary>
    public string FileFolder { get; set; } = "request-files";

    /// <summary>Start of the working day (HH:mm, utility's local time).</summary>
    public string WorkdayStart { get; set; } = "08:00";

    /// <summary>End of the working day (HH:mm).</summary>
    public string WorkdayEnd { get; set; } = "16:00";

    /// <summary>Public holidays (yyyy-MM-dd): not working days.</summary>
    public List<string> Holidays { get; set; } = [];

    internal LocalTime StartTime => Time(WorkdayStart) ?? new LocalTime(8, 0);

    internal LocalTime EndTime => Time(WorkdayEnd) ?? new LocalTime(16, 0);

    internal IReadOnlySet<LocalDate> HolidayDates =>
        Holidays.Select(h => LocalDatePattern.Iso.Parse(h.Trim())).Where(r => r.Success).Select(r => r.Value).ToHashSet();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Time(WorkdayStart) is not { } start)
        {
            yield return new ValidationResult($"'{WorkdayStart}' is not a time (HH:mm).", [nameof(WorkdayStart)]);
        }
        else if (Time(WorkdayEnd) is not { } end)
        {
            yield return new ValidationResult($"'{WorkdayEnd}' is not a time (HH:mm).", [nameof(WorkdayEnd)]);
        }
        else if (end <= start)
        {
            yield return new ValidationResult("The working day must end after it starts.", [nameof(WorkdayEnd)]);
        }

        for (var i = 0; i < Holidays.Count; i++)
        {
            if (!LocalDatePattern.Iso.Parse(Holidays[i].Trim()).Success)
            {
                yield return new ValidationResult($"'{Holidays[i]}' is not a date (yyyy-MM-dd).", [$"{nameof(Holidays)}:{i}"]);
            }
        }

        foreach (var type in AllowedTypes.Where(t => !Supported.Contains(t)))
        {
            yield return new ValidationResult($"'{type}' is not a type the module recognises ({string.Join(", ", Supported)}).", [nameof(AllowedTypes)]);
        }

        if (string.IsNullOrWhiteSpace(FileFolder))
        {
            yield return new ValidationResult("The file folder is empty.", [nameof(FileFolder)]);
        }
    }

    private static readonly string[] Supported = ["application/pdf", "image/jpeg", "image/png"];

    private static LocalTime? Time(string? text) =>
        LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text ?? string.Empty) is { Success: true } r ? r.Value : null;

    /// <summary>The largest signed act (PDF) accepted, in bytes (10 MB by default).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int ActDocumentMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Where the scheduled acts import (job <c>RequestsActImportFolder</c>) finds the field system's files: <c>*.csv</c>, each with
    /// an optional zip of signed PDFs of the same name. Relative to the host's content root.
    /// </summary>
    [Required]
    public string ActImportFolder { get; set; } = "imports/acts";
}
