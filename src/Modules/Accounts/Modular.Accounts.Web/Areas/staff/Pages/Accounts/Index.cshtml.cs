using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Web.Hooks;

namespace Modular.Accounts.Web.Staff;

/// <summary>
/// Staff accounts for the administrator: create (the enrolment's secrets are shown once, in this answer only), change
/// roles, disable (their sessions end at once), reset the second factor (a lost phone).
/// </summary>
[RequiresPermission(AccountsPermissions.StaffManage)]
public sealed class StaffAccountsModel(IMediator mediator, StaffPermissions permissions) : StaffPageModel
{
    public IReadOnlyList<StaffMemberView> Members { get; private set; } = [];

    public IReadOnlyList<string> AllRoles => permissions.Roles.Order(StringComparer.Ordinal).ToList();

    /// <summary>Secrets of an enrolment just made: rendered in this response only, never stored or redirected.</summary>
    public StaffEnrolment? Enrolment { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var result = await mediator.Send(new CreateStaffMember(Email ?? string.Empty, DisplayName ?? string.Empty, Roles), HttpContext.RequestAborted);
        return await ShowAsync(result, nameof(Email), nameof(DisplayName), nameof(Roles));
    }

    public async Task<IActionResult> OnPostResetAsync(Guid staffId)
    {
        var result = await mediator.Send(new ResetStaffSecondFactor(staffId), HttpContext.RequestAborted);
        return await ShowAsync(result);
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid staffId) =>
        await AfterAsync(await mediator.Send(new DisableStaffMember(staffId), HttpContext.RequestAborted), "staff.accounts.disabled");

    public async Task<IActionResult> OnPostRolesAsync(Guid staffId, List<string> roles) =>
        await AfterAsync(await mediator.Send(new SetStaffRoles(staffId, roles), HttpContext.RequestAborted), "staff.accounts.roles_saved");

    private async Task<IActionResult> ShowAsync(Result<StaffEnrolment> result, params string[] fields)
    {
        if (result.IsSuccess)
        {
            Enrolment = result.Value;
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            AddErrors(result, fields);
        }

        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult> AfterAsync(Result result, string message)
    {
        if (result.IsSuccess)
        {
            Message = Text[message];
            return RedirectToPage();
        }

        AddErrors(result);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var members = await mediator.Send(new ListStaffMembers(), HttpContext.RequestAborted);
        Members = members.IsSuccess ? members.Value.OrderBy(m => m.Email, StringComparer.Ordinal).ToList() : [];
    }
}
