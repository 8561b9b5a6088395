using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Web.Pages;

namespace Modular.Readings.Web.Pages.Readings;

/// <summary>A meter's readings, a chart of its contract's consumption per period, and the CSV export.</summary>
public sealed class HistoryModel(IMediator mediator, UtilityClock clock) : PortalPageModel
{
    public MeterView Meter { get; private set; } = null!;

    public IReadOnlyList<ReadingView> Readings { get; private set; } = [];

    public IReadOnlyList<ContractConsumption> Consumption { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var meters = await mediator.Send(new GetMyMeters(), HttpContext.RequestAborted);
        var meter = meters.IsSuccess ? meters.Value.FirstOrDefault(m => m.MeterId == id) : null;
        if (meter is null)
        {
            return NotFound();
        }

        Meter = meter;
        var history = await mediator.Send(new GetReadingHistory(id, null), HttpContext.RequestAborted);
        Readings = history.IsSuccess ? history.Value : [];
        var today = clock.Today;
        var to = new NodaTime.YearMonth(today.Year, today.Month);
        var consumption = await mediator.Send(new GetConsumptionHistory(meter.ContractId, to.PlusMonths(-23), to), HttpContext.RequestAborted);
        Consumption = consumption.IsSuccess ? consumption.Value : [];
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        var export = await mediator.Send(new ExportReadingHistory(id, null), HttpContext.RequestAborted);
        if (export.IsFailure)
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(export.Value.Content), "text/csv; charset=utf-8", export.Value.FileName);
    }
}
