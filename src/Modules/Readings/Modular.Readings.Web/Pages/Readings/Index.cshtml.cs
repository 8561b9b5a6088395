using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Web.Pages;

namespace Modular.Readings.Web.Pages.Readings;

/// <summary>
/// Per meter: previous index and date, the window, and the submission form. The computed consumption and any
/// plausibility warning are shown and must be confirmed before the reading is stored.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    public IReadOnlyList<MeterView> Meters { get; private set; } = [];

    [BindProperty]
    public Guid MeterId { get; set; }

    [BindProperty]
    public string? Index { get; set; }

    [BindProperty]
    public bool ConfirmWarnings { get; set; }

    /// <summary>The answer to the last submission (stored, or waiting for confirmation).</summary>
    public Result<SubmissionOutcome>? Outcome { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!TryParse(Index, out var index))
        {
            ModelState.AddModelError(FieldFor(MeterId), Text["web.invalid_index"]);
            await LoadAsync();
            return Page();
        }

        var result = await mediator.Send(new SubmitReading(MeterId, index, ConfirmWarnings), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(FieldFor(MeterId), Text.Describe(error));
            }
        }
        else
        {
            Outcome = result;
            if (result.Value.Stored)
            {
                Index = null;
            }
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>Each meter's form has its own index field, so errors land next to the right one.</summary>
    public static string FieldFor(Guid meterId) => "Index_" + meterId.ToString("N");

    private static bool TryParse(string? text, out decimal index)
    {
        var normalized = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out index);
    }

    private async Task LoadAsync()
    {
        var meters = await mediator.Send(new GetMyMeters(), HttpContext.RequestAborted);
        Meters = meters.IsSuccess ? meters.Value.Where(m => m.RemovedOn is null).ToList() : [];
    }
}
