using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Requests.Contracts;
using Modular.Web.Hooks;

namespace Modular.Requests.Web.Staff;

/// <summary>The field system's acts CSV (and optionally a zip of signed PDFs) uploaded by staff; the import's report is shown.</summary>
[RequiresPermission(RequestsPermissions.ActsManage)]
public sealed class ImportActsModel(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public IFormFile? Csv { get; set; }

    [BindProperty]
    public IFormFile? Documents { get; set; }

    public ActImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Csv is not { Length: > 0 } csv)
        {
            ModelState.AddModelError(nameof(Csv), Text["staff.acts.csv_required"]);
            return Page();
        }

        await using var csvStream = csv.OpenReadStream();
        await using var documents = Documents is { Length: > 0 } zip ? zip.OpenReadStream() : null;
        // The zip is read by entries, which needs a seekable stream.
        await using var buffered = documents is null ? null : new MemoryStream();
        if (documents is not null)
        {
            await documents.CopyToAsync(buffered!, HttpContext.RequestAborted);
            buffered!.Position = 0;
        }

        var result = await mediator.Send(new ImportActs(csvStream, buffered), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field == "Documents" ? nameof(Documents) : nameof(Csv), Text.Describe(error));
            }

            return Page();
        }

        Report = result.Value;
        return Page();
    }
}
