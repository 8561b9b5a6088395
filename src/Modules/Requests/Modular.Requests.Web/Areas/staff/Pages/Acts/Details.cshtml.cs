using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Requests.Contracts;
using Modular.Web.Hooks;
using NodaTime.Text;

namespace Modular.Requests.Web.Staff;

/// <summary>An act in the back office: its content, what Readings made of each reading (a refusal with Readings' reason), the signed document.</summary>
[RequiresPermission(RequestsPermissions.ActsRead)]
public sealed class ActDetailsModel(IMediator mediator, StaffPermissions permissions) : StaffPageModel
{
    public ActView Act { get; private set; } = null!;

    [TempData]
    public string? ActMessage { get; set; }

    /// <summary>Whether the caller may correct acts (the correction form is shown).</summary>
    public bool CanCorrect { get; private set; }

    [BindProperty]
    public string? Type { get; set; }

    [BindProperty]
    public string? RegisteredOn { get; set; }

    [BindProperty]
    public string? Inspector { get; set; }

    [BindProperty]
    public string? Findings { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        (Type, RegisteredOn, Inspector, Findings, Version) =
            (Act.Type.ToString(), LocalDatePattern.Iso.Format(Act.RegisteredOn), Act.Inspector, Act.Findings, Act.Version);
        return Page();
    }

    public async Task<IActionResult> OnGetDocumentAsync(Guid id)
    {
        var document = await mediator.Send(new GetActDocument(id), HttpContext.RequestAborted);
        return document.IsFailure ? NotFound() : File(document.Value.Content, document.Value.ContentType, document.Value.FileName);
    }

    /// <summary>Corrects the act's type, date, inspector or findings with a reason, on the version shown.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(Guid id)
    {
        var date = LocalDatePattern.Iso.Parse((RegisteredOn ?? string.Empty).Trim());
        if (!date.Success)
        {
            ModelState.AddModelError(nameof(RegisteredOn), Text["acts.date_invalid"]);
        }

        // An unknown type is left to the module's rules, which refuse it with their own text.
        var type = Enum.TryParse<ActType>(Type, ignoreCase: false, out var t) && Enum.IsDefined(t) ? t : (ActType)(-1);
        if (date.Success)
        {
            var corrected = await mediator.Send(new CorrectAct(id, type, date.Value, Inspector ?? string.Empty, Findings ?? string.Empty,
                Reason ?? string.Empty, Version), HttpContext.RequestAborted);
            if (corrected.IsSuccess)
            {
                ActMessage = Text["staff.acts.corrected"];
                return Redirect($"/staff/acts/{id}");
            }

            AddErrors(corrected, nameof(Type), nameof(RegisteredOn), nameof(Inspector), nameof(Findings), nameof(Reason));
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var act = await mediator.Send(new GetAct(id), HttpContext.RequestAborted);
        if (act.IsFailure)
        {
            return false;
        }

        Act = act.Value;
        CanCorrect = permissions.Grants(Session?.Roles ?? [], RequestsPermissions.ActsManage);
        return true;
    }
}
