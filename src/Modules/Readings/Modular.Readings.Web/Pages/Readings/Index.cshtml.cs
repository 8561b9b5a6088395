using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
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

    /// <summary>The service address of each contract (Accounts'), so a customer with several places knows which meter is which.</summary>
    public IReadOnlyDictionary<Guid, string> Addresses { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The meter the outcome of the last submission is about.</summary>
    public MeterView? OutcomeMeter => Outcome is { IsSuccess: true } outcome ? Meters.FirstOrDefault(m => m.MeterId == outcome.Value.MeterId) : null;

    public string? AddressOf(MeterView meter) => Addresses.GetValueOrDefault(meter.ContractId);

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
        // A meter id that does not even bind (tampered form): refused like an unknown meter, in the user's language.
        if (ModelState.TryGetValue(nameof(MeterId), out var bound) && bound.Errors.Count > 0)
        {
            ModelState.Remove(nameof(MeterId));
            ModelState.AddModelError(string.Empty, Text.Describe(new Error(MeterNotFound)));
            await LoadAsync();
            return Page();
        }

        if (!IndexInput.TryParse(Index, out var index))
        {
            ModelState.AddModelError(FieldFor(MeterId), Text["web.invalid_index"]);
            await LoadAsync();
            return Page();
        }

        var result = await mediator.Send(new SubmitReading(MeterId, index, ConfirmWarnings), HttpContext.RequestAborted);
        await LoadAsync();
        if (result.IsFailure)
        {
            // Errors go next to the meter's field; a meter the page does not list (unknown, someone else's) or lists without
            // a form (read by the utility, window closed) has no field, so its refusal is shown above the forms instead of nowhere.
            var field = Meters.Any(m => m.MeterId == MeterId && m.Window.CanSubmit) ? FieldFor(MeterId) : string.Empty;
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(field, Text.Describe(error));
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

        return Page();
    }

    private const string MeterNotFound = "readings.meter_not_found";

    /// <summary>Each meter's form has its own index field, so errors land next to the right one.</summary>
    public static string FieldFor(Guid meterId) => "Index_" + meterId.ToString("N");

    private async Task LoadAsync()
    {
        var meters = await mediator.Send(new GetMyMeters(), HttpContext.RequestAborted);
        Meters = meters.IsSuccess ? meters.Value.Where(m => m.RemovedOn is null).ToList() : [];
        var contracts = await mediator.Send(new GetMyContracts(), HttpContext.RequestAborted);
        Addresses = contracts.IsSuccess ? contracts.Value.ToDictionary(c => c.ContractId, c => c.ServiceAddress) : new Dictionary<Guid, string>();
    }
}
