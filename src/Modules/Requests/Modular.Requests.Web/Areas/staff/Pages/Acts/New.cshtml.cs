using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Web.Hooks;
using NodaTime;
using NodaTime.Text;

namespace Modular.Requests.Web.Staff;

/// <summary>
/// An act entered by hand (<see cref="RegisterAct"/>): the paper act's number, the contract, type, date, inspector, findings, up
/// to <see cref="ReadingRows"/> readings taken on the act's date, and the signed PDF. Refusals show at their fields and nothing is
/// stored; the same act sent twice (double submit) is stored once.
/// </summary>
[RequiresPermission(RequestsPermissions.ActsManage)]
public sealed class NewActModel(IMediator mediator, UtilityClock clock) : StaffPageModel
{
    public const int ReadingRows = 3;

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ContractNumber { get; set; }

    [BindProperty]
    public string? Type { get; set; }

    [BindProperty]
    public string? RegisteredOn { get; set; }

    [BindProperty]
    public string? Inspector { get; set; }

    [BindProperty]
    public string? Findings { get; set; }

    [BindProperty]
    public List<string?> Serials { get; set; } = [];

    [BindProperty]
    public List<string?> Indexes { get; set; } = [];

    [BindProperty]
    public IFormFile? Document { get; set; }

    [TempData]
    public string? ActMessage { get; set; }

    public void OnGet()
    {
        RegisteredOn = LocalDatePattern.Iso.Format(clock.Today);
        Type = nameof(ActType.Verification);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var date = LocalDatePattern.Iso.Parse((RegisteredOn ?? string.Empty).Trim());
        if (!date.Success)
        {
            ModelState.AddModelError(nameof(RegisteredOn), Text["acts.date_invalid"]);
        }

        // An unknown type is left to the module's rules, which refuse it with their own text.
        var type = Enum.TryParse<ActType>(Type, ignoreCase: false, out var t) && Enum.IsDefined(t) ? t : (ActType)(-1);
        var readings = new List<ActReadingTaken>();
        for (var i = 0; i < ReadingRows; i++)
        {
            var serial = Serials.ElementAtOrDefault(i)?.Trim() ?? string.Empty;
            var index = Indexes.ElementAtOrDefault(i)?.Trim() ?? string.Empty;
            if (serial.Length == 0 && index.Length == 0)
            {
                continue;
            }

            if (!decimal.TryParse(index.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                ModelState.AddModelError($"Indexes[{i}]", Text["acts.reading_index_invalid"]);
                continue;
            }

            readings.Add(new ActReadingTaken(serial, date.Success ? date.Value : default, value));
        }

        ActDocumentUpload? document = null;
        if (Document is { Length: > 0 } file)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, HttpContext.RequestAborted);
            document = new ActDocumentUpload(file.FileName, content.ToArray());
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var act = new RegisterAct(Number ?? string.Empty, ContractNumber ?? string.Empty, type, date.Value, Inspector ?? string.Empty, Findings ?? string.Empty,
            readings, document);
        var result = await mediator.Send(act, HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(InputOf(error.Field, readings), Text.Describe(error));
            }

            return Page();
        }

        ActMessage = Text.Get(result.Value.AlreadyRegistered ? "staff.acts.already" : "staff.acts.stored", ("number", result.Value.Number));
        return Redirect($"/staff/acts/{result.Value.ActId}");
    }

    /// <summary>The form's input for a request field (<c>Readings[i].Index</c> is the i-th filled reading row).</summary>
    private string InputOf(string? field, List<ActReadingTaken> readings)
    {
        if (field is null)
        {
            return string.Empty;
        }

        if (field.StartsWith("Readings[", StringComparison.Ordinal) && int.TryParse(field[9..field.IndexOf(']', StringComparison.Ordinal)], out var i))
        {
            // Filled rows are sent in order: find the form row of the i-th one.
            var row = Enumerable.Range(0, ReadingRows).Where(r => !string.IsNullOrWhiteSpace(Serials.ElementAtOrDefault(r)) || !string.IsNullOrWhiteSpace(Indexes.ElementAtOrDefault(r)))
                .ElementAtOrDefault(i);
            return field.EndsWith(".Index", StringComparison.Ordinal) ? $"Indexes[{row}]" : field.EndsWith(".Date", StringComparison.Ordinal) ? nameof(RegisteredOn) : $"Serials[{row}]";
        }

        return field switch
        {
            nameof(RegisterAct.Number) => nameof(Number),
            nameof(RegisterAct.ContractNumber) => nameof(ContractNumber),
            nameof(RegisterAct.Type) => nameof(Type),
            nameof(RegisterAct.RegisteredOn) => nameof(RegisteredOn),
            nameof(RegisterAct.Inspector) => nameof(Inspector),
            nameof(RegisterAct.Findings) => nameof(Findings),
            nameof(RegisterAct.Document) => nameof(Document),
            _ => string.Empty,
        };
    }
}
