using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Time;
using Modular.Web.Hooks;
using NodaTime;
using NodaTime.Text;

namespace Modular.Backoffice.Web.Pages.Audit;

/// <summary>The audit trail by customer and/or staff member and a date range (the utility's days), paged, and as CSV.</summary>
[RequiresPermission(CorePermissions.AuditRead)]
public sealed class AuditModel(IMediator mediator, UtilityClock clock) : StaffPageModel
{
    private static readonly LocalDateTimePattern Display = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm:ss");

    [BindProperty(SupportsGet = true)]
    public Guid? Customer { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Staff { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public AuditPage? Entries { get; private set; }

    public string Format(Instant instant) => Display.Format(instant.InZone(clock.Zone).LocalDateTime);

    public string ExportLink => Link("Export", null);

    public string PageLink(int page) => Link(null, page);

    public async Task OnGetAsync(int page = 1)
    {
        var result = await mediator.Send(new GetAuditTrail(Customer, Staff, null, Start(From), End(To), Math.Max(page, 1), 50), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            Entries = result.Value;
        }
        else
        {
            AddErrors(result);
        }
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var result = await mediator.Send(new ExportAuditTrail(Customer, Staff, null, Start(From), End(To)), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            AddErrors(result);
            return Page();
        }

        return File(Encoding.UTF8.GetBytes(result.Value.Content), "text/csv; charset=utf-8", result.Value.FileName);
    }

    private Instant? Start(string? date) => Parse(date) is { } d ? clock.StartOf(d) : null;

    private Instant? End(string? date) => Parse(date) is { } d ? clock.StartOf(d.PlusDays(1)) : null;

    private static LocalDate? Parse(string? date) =>
        date is not null && LocalDatePattern.Iso.Parse(date) is { Success: true } parsed ? parsed.Value : null;

    private string Link(string? handler, int? page)
    {
        var query = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                query.Add(name + "=" + Uri.EscapeDataString(text));
            }
        }

        Add("handler", handler);
        Add("customer", Customer);
        Add("staff", Staff);
        Add("from", From);
        Add("to", To);
        Add("page", page);
        return "/staff/audit" + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty);
    }
}
