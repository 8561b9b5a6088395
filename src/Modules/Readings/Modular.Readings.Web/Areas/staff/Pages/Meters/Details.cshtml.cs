using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Web.Hooks;
using Modular.Web.Localization;
using NodaTime;
using NodaTime.Text;

namespace Modular.Readings.Web.Staff;

/// <summary>
/// A meter in the back office: its data and latest readings (<c>readings.read</c>); with <c>readings.meters.manage</c> a field
/// reading or an estimate (<see cref="RecordMeterReading"/>), the meter's replacement (<see cref="ReplaceMeter"/>) and
/// self-reading on or off (<see cref="SetSelfReading"/>). Every request goes through Readings' rules; Core audits them.
/// </summary>
[RequiresPermission(ReadingsPermissions.Read)]
public sealed class MeterDetailsModel(IMediator mediator, StaffPermissions permissions, UtilityClock clock) : StaffPageModel
{
    public const int HistorySize = 24;

    public MeterView Meter { get; private set; } = null!;

    public IReadOnlyList<ReadingView> Readings { get; private set; } = [];

    public bool CanManage { get; private set; }

    /// <summary>A reading waiting for the staff member to confirm its warnings.</summary>
    public Result<MeterReadingOutcome>? Unconfirmed { get; private set; }

    [TempData]
    public string? MeterMessage { get; set; }

    [BindProperty]
    public string? ReadingDate { get; set; }

    [BindProperty]
    public string? ReadingIndex { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public bool Rollover { get; set; }

    [BindProperty]
    public bool ConfirmWarnings { get; set; }

    [BindProperty]
    public string? FinalIndex { get; set; }

    [BindProperty]
    public string? ReplacedOn { get; set; }

    [BindProperty]
    public string? NewSerial { get; set; }

    [BindProperty]
    public string? NewIntegerDigits { get; set; }

    [BindProperty]
    public string? NewDecimalPlaces { get; set; }

    [BindProperty]
    public string? NewInitialIndex { get; set; }

    [BindProperty]
    public string? NewVerificationDue { get; set; }

    public string Today => LocalDatePattern.Iso.Format(clock.Today);

    public async Task<IActionResult> OnGetAsync(Guid meterId)
    {
        if (!await LoadAsync(meterId))
        {
            return NotFound();
        }

        ReadingDate = Today;
        Kind = nameof(MeterReadingKind.Field);
        ReplacedOn = Today;
        NewIntegerDigits = Meter.IntegerDigits.ToString(CultureInfo.InvariantCulture);
        NewDecimalPlaces = Meter.DecimalPlaces.ToString(CultureInfo.InvariantCulture);
        NewInitialIndex = "0";
        return Page();
    }

    [RequiresPermission(ReadingsPermissions.MetersManage)]
    public async Task<IActionResult> OnPostReadingAsync(Guid meterId)
    {
        if (!await LoadAsync(meterId))
        {
            return NotFound();
        }

        var date = ParseDate(ReadingDate, nameof(ReadingDate), required: true);
        var index = ParseIndex(ReadingIndex, nameof(ReadingIndex));
        // An unknown kind is left to Readings' validator, which refuses it with its own text.
        var kind = Enum.TryParse<MeterReadingKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : (MeterReadingKind)(-1);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await mediator.Send(new RecordMeterReading(meterId, date!.Value, index, kind, ConfirmWarnings, Rollover), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            AddErrors(result, ("Index", nameof(ReadingIndex)), ("Date", nameof(ReadingDate)), ("Rollover", nameof(Rollover)), ("Kind", nameof(Kind)));
            return Page();
        }

        if (!result.Value.Stored)
        {
            Unconfirmed = result;
            return Page();
        }

        MeterMessage = result.Value.AlreadyRecorded ? Text["staff.meters.reading_already_recorded"]
            : Text.Get("staff.meters.reading_stored", ("consumption", Formats.Quantity(result.Value.Consumption)));
        return Redirect($"/staff/meters/{meterId}");
    }

    [RequiresPermission(ReadingsPermissions.MetersManage)]
    public async Task<IActionResult> OnPostReplaceAsync(Guid meterId)
    {
        if (!await LoadAsync(meterId))
        {
            return NotFound();
        }

        var date = ParseDate(ReplacedOn, nameof(ReplacedOn), required: true);
        var final = ParseIndex(FinalIndex, nameof(FinalIndex));
        var initial = ParseIndex(NewInitialIndex, nameof(NewInitialIndex));
        var digits = ParseInt(NewIntegerDigits, nameof(NewIntegerDigits));
        var decimals = ParseInt(NewDecimalPlaces, nameof(NewDecimalPlaces));
        var verification = ParseDate(NewVerificationDue, nameof(NewVerificationDue), required: false);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await mediator.Send(new ReplaceMeter(meterId, final, date!.Value, NewSerial ?? string.Empty, digits, decimals, initial, verification),
            HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            AddErrors(result, ("Index", nameof(FinalIndex)), ("OldFinalIndex", nameof(FinalIndex)), ("Date", nameof(ReplacedOn)),
                ("Serial", nameof(NewSerial)), ("NewSerial", nameof(NewSerial)), ("IntegerDigits", nameof(NewIntegerDigits)),
                ("DecimalPlaces", nameof(NewDecimalPlaces)), ("InitialIndex", nameof(NewInitialIndex)), ("NewInitialIndex", nameof(NewInitialIndex)));
            return Page();
        }

        MeterMessage = Text.Get("staff.meters.replaced", ("serial", Meter.Serial));
        return Redirect($"/staff/meters/{result.Value}");
    }

    [RequiresPermission(ReadingsPermissions.MetersManage)]
    public async Task<IActionResult> OnPostSelfReadingAsync(Guid meterId, bool allowed)
    {
        if (!await LoadAsync(meterId))
        {
            return NotFound();
        }

        var result = await mediator.Send(new SetSelfReading(meterId, allowed), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            AddErrors(result);
            return Page();
        }

        MeterMessage = Text[allowed ? "staff.meters.self_read_on" : "staff.meters.self_read_off"];
        return Redirect($"/staff/meters/{meterId}");
    }

    private async Task<bool> LoadAsync(Guid meterId)
    {
        var meter = await mediator.Send(new GetMeter(meterId), HttpContext.RequestAborted);
        if (!meter.IsSuccess)
        {
            return false;
        }

        Meter = meter.Value;
        var history = await mediator.Send(new GetReadingHistory(meterId, null), HttpContext.RequestAborted);
        Readings = history.IsSuccess ? history.Value.Take(HistorySize).ToList() : [];
        CanManage = permissions.Grants(Session?.Roles ?? [], ReadingsPermissions.MetersManage);
        return true;
    }

    /// <summary>Errors under the form's fields; a removed meter shows no forms, so there they go to the whole page.</summary>
    private void AddErrors(Result result, params (string Field, string Input)[] fields)
    {
        foreach (var error in result.Errors)
        {
            var input = Meter.RemovedOn is not null ? null
                : fields.FirstOrDefault(f => string.Equals(f.Field, error.Field, StringComparison.OrdinalIgnoreCase)).Input;
            ModelState.AddModelError(input ?? string.Empty, Text.Describe(error));
        }
    }

    private LocalDate? ParseDate(string? text, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text) && !required)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse((text ?? string.Empty).Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }

        ModelState.AddModelError(field, Text["staff.meters.date_invalid"]);
        return null;
    }

    private decimal ParseIndex(string? text, string field)
    {
        if (IndexInput.TryParse(text, out var index))
        {
            return index;
        }

        ModelState.AddModelError(field, Text["staff.readings.index_invalid"]);
        return 0m;
    }

    private int ParseInt(string? text, string field)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        ModelState.AddModelError(field, Text["staff.meters.number_invalid"]);
        return 0;
    }
}
