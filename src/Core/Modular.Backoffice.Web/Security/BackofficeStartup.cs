using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Modular.Backoffice.Web.Security;

/// <summary>
/// Runs before the shell's pipeline: sends <c>/Staff/…</c> typed in another case to <c>/staff/…</c> (cookie paths are
/// case-sensitive, so the staff cookie would not be sent), and in a staff-only host answers 404 outside the back office.
/// </summary>
internal sealed class BackofficeStartup(IOptions<BackofficeOptions> options) : IStartupFilter
{
    private static readonly string[] SharedPaths = ["/health", "/css", "/js", "/img", "/brand", "/brand.css", "/Language", "/Error", "/favicon.ico"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var staffOnly = options.Value.StaffOnly;
        app.Use((context, nextMiddleware) =>
        {
            var path = context.Request.Path;
            if (StaffAuthentication.IsStaffPath(path))
            {
                if (!path.StartsWithSegments(StaffAuthentication.PathBase, StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method))
                {
                    context.Response.Redirect(StaffAuthentication.PathBase + path.Value![StaffAuthentication.PathBase.Length..] + context.Request.QueryString);
                    return Task.CompletedTask;
                }
            }
            else if (staffOnly)
            {
                if (path == "/")
                {
                    context.Response.Redirect(StaffAuthentication.PathBase);
                    return Task.CompletedTask;
                }

                if (!SharedPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
