using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Modular.Core.Access;
using Modular.Web.Hooks;

namespace Modular.Backoffice.Web.Security;

/// <summary>
/// Refuses a back-office page – GET and POST alike, before its handler runs – when the signed-in staff member's roles do
/// not grant every permission the page declares with <see cref="RequiresPermissionAttribute"/>, on its model and on the
/// handler method selected for the request.
/// </summary>
internal sealed class StaffPermissionFilter(StaffPermissions permissions, ICurrentUser caller) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var required = context.HandlerInstance.GetType().GetCustomAttributes<RequiresPermissionAttribute>(inherit: true)
            .Concat(context.HandlerMethod?.MethodInfo.GetCustomAttributes<RequiresPermissionAttribute>(inherit: true) ?? [])
            .ToList();
        if (required.Count > 0 && !(caller.Kind == CallerKind.Staff && required.All(r => permissions.Grants(caller.Roles, r.Permission))))
        {
            context.Result = new ForbidResult(StaffAuthentication.Scheme);
            return;
        }

        await next();
    }
}
