using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Results;
using Modular.Readings.Contracts;

namespace Modular.Kiosks.Web.Kiosk.Pages;

/// <summary>
/// The customer's self-read meters whose window is open, each with a field for the new reading: Readings' own rules and
/// errors (the window, the meter's digits, a reading lower than the last), and its warnings to confirm (an unusual
/// consumption). The reading's source is the kiosk, from the caller.
/// </summary>
public sealed class ReadingModel(IMediator mediator) : KioskPageModel
{
    [BindProperty]
    public Guid MeterId { get; set; }

    [BindProperty]
    public string? Index { get; set; }

    [BindProperty]
    public bool ConfirmWarnings { get; set; }

    public IReadOnlyList<MeterView> Meters { get; private set; } = [];

    /// <summary>The answer to the last submission, with its warnings.</summary>
    public Result<SubmissionOutcome>? Outcome { get; private set; }

    /// <summary>The error next to the meter's field (localized), if any.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (CustomerSession is null)
        {
            return ToStart();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (CustomerSession is null)
        {
            return ToStart();
        }

        var normalized = (Index ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        if (!decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var index))
        {
            Error = Text["web.invalid_index"];
            await LoadAsync();
            return Page();
        }

        var result = await mediator.Send(new SubmitReading(MeterId, index, ConfirmWarnings), HttpContext.RequestAborted);
        await LoadAsync();
        if (result.IsFailure)
        {
            Error = string.Join(" ", result.Errors.Select(Text.Describe));
            return Page();
        }

        Outcome = result;
        return Page();
    }

    public string Describe(Error error) => Text.Describe(error);

    private async Task LoadAsync()
    {
        var meters = await mediator.Send(new GetMyMeters(), HttpContext.RequestAborted);
        Meters = meters.IsSuccess ? meters.Value.Where(m => m.RemovedOn is null && m.Window.CanSubmit).ToList() : [];
    }
}
