using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Modular.Core.Localization;
using Modular.Web.Security;

namespace Modular.Web.Hooks;

/// <summary>
/// What a module's UI package adds to the web surfaces: its pages (the package itself), menu entries, view components
/// in slots (dashboard cards and alerts, …), endpoints, API endpoints and token scopes. Unless a
/// <see cref="WebSurface"/> is given, a contribution belongs to the customer portal.
/// </summary>
public sealed class WebContributions
{
    internal WebContributions(string module, IServiceCollection services)
    {
        Module = module;
        Services = services;
    }

    /// <summary>The contributing module's name (as in <c>AddModular</c>).</summary>
    public string Module { get; }

    public IServiceCollection Services { get; }

    /// <summary>Serves the Razor pages, view components and tag helpers of <paramref name="assembly"/>, its texts and its embedded <c>assets/</c>.</summary>
    public WebContributions AddPackage(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (Services.Any(d => d.ImplementationInstance is WebPackage p && p.Assembly == assembly))
        {
            return this;
        }

        Services.AddSingleton(new WebPackage(assembly));
        Services.AddSingleton(new TextSource(assembly));
        Services.AddMvcCore().ConfigureApplicationPartManager(parts => WebParts.Add(parts, assembly));
        return this;
    }

    /// <summary>A menu entry linking to <paramref name="path"/>; entries are ordered by <paramref name="order"/> (the dashboard is 0).</summary>
    public WebContributions AddMenuEntry(string path, string textKey, int order, WebSurface? surface = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(textKey);
        Services.AddSingleton(new MenuEntry(surface ?? WebSurface.Portal, path, textKey, order));
        return this;
    }

    /// <summary>
    /// A back-office menu entry (<paramref name="path"/> under <c>/staff</c>) shown only to staff whose roles grant
    /// <paramref name="permission"/>; its page declares the same with <see cref="RequiresPermissionAttribute"/>.
    /// </summary>
    public WebContributions AddStaffMenuEntry(string path, string textKey, int order, string permission)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(textKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        Services.AddSingleton(new MenuEntry(WebSurface.Staff, path, textKey, order, permission));
        return this;
    }

    /// <summary>An exact identifier the back office's customer look-up resolves through this module (see <see cref="IStaffLookup"/>).</summary>
    public WebContributions AddStaffLookup<TLookup>()
        where TLookup : class, IStaffLookup
    {
        Services.AddScoped<IStaffLookup, TLookup>();
        return this;
    }

    /// <summary>Renders <typeparamref name="TComponent"/> in <paramref name="slot"/> (see <see cref="Slots"/>), ordered by <paramref name="order"/>.</summary>
    public WebContributions AddToSlot<TComponent>(string slot, int order, WebSurface? surface = null)
        where TComponent : ViewComponent
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slot);
        Services.AddSingleton(new SlotEntry(surface ?? WebSurface.Portal, slot, typeof(TComponent), order));
        return this;
    }

    /// <summary>A card on the dashboard.</summary>
    public WebContributions AddDashboardCard<TComponent>(int order, WebSurface? surface = null)
        where TComponent : ViewComponent => AddToSlot<TComponent>(Slots.DashboardCards, order, surface);

    /// <summary>An alert above the dashboard's cards (rendering nothing when there is nothing to say).</summary>
    public WebContributions AddDashboardAlert<TComponent>(int order, WebSurface? surface = null)
        where TComponent : ViewComponent => AddToSlot<TComponent>(Slots.DashboardAlerts, order, surface);

    /// <summary>
    /// Maps endpoints of the module outside the API (e.g. a payment gateway's callbacks). They get no authorization from
    /// the shell: each endpoint says what it needs.
    /// </summary>
    public WebContributions MapEndpoints(Action<IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Services.AddSingleton(new EndpointsEntry(Module, map));
        return this;
    }

    /// <summary>
    /// Maps API endpoints on the surface's API group (<c>/api/v1</c> for the portal), which already requires a personal
    /// access token; an endpoint adds the scope it needs with <c>RequireAuthorization(ApiPolicies.For(scope))</c>.
    /// </summary>
    public WebContributions MapApi(Action<RouteGroupBuilder> map, WebSurface? surface = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        Services.AddSingleton(new ApiEntry(Module, surface ?? WebSurface.Portal, map));
        return this;
    }

    /// <summary>A scope personal access tokens may carry, with its authorization policy <see cref="ApiPolicies.For"/>.</summary>
    public WebContributions AddTokenScope(string name, string textKey, int order)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.AddSingleton(new TokenScope(name, textKey, order));
        Services.Configure<AuthorizationOptions>(o => ApiPolicies.Add(o, name));
        return this;
    }

    /// <summary>Opens pages or folders (e.g. <c>/Account</c>) to visitors who have not signed in; every other page needs a session.</summary>
    public WebContributions AllowAnonymous(params string[] folders)
    {
        Services.Configure<RazorPagesOptions>(o =>
        {
            foreach (var folder in folders)
            {
                o.Conventions.AllowAnonymousToFolder(folder);
            }
        });
        return this;
    }

    /// <summary>Pages that take credentials: their submissions are throttled per client address (<c>Modular:Web:CredentialAttemptsPerMinute</c>).</summary>
    public WebContributions LimitCredentialAttempts(params string[] pages)
    {
        Services.Configure<RazorPagesOptions>(o => o.LimitCredentialPages(pages));
        return this;
    }

    /// <summary>Any other Razor Pages convention (e.g. an extra route for a page that emails link to).</summary>
    public WebContributions ConfigurePages(Action<RazorPagesOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}

/// <summary>Which assemblies MVC serves pages and view components from.</summary>
internal static class WebParts
{
    public static void Add(ApplicationPartManager parts, Assembly assembly)
    {
        if (parts.ApplicationParts.Any(p => AssemblyOf(p) == assembly))
        {
            return;
        }

        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            parts.ApplicationParts.Add(part);
        }
    }

    /// <summary>
    /// MVC adds every referenced assembly with pages by itself; a module's UI package must serve only when its module is
    /// composed (its pages would fail without the module's handlers), so those are removed and each added UI module adds its own.
    /// </summary>
    public static void RemoveModuleUiPackages(ApplicationPartManager parts)
    {
        foreach (var part in parts.ApplicationParts.Where(p => AssemblyOf(p) is { } a && IsModuleUi(a)).ToList())
        {
            parts.ApplicationParts.Remove(part);
        }
    }

    private static Assembly? AssemblyOf(ApplicationPart part) => part switch
    {
        AssemblyPart a => a.Assembly,
        CompiledRazorAssemblyPart c => c.Assembly,
        _ => null,
    };

    private static bool IsModuleUi(Assembly assembly)
    {
        if (assembly == typeof(WebParts).Assembly || !assembly.GetReferencedAssemblies().Any(a => a.Name == typeof(WebParts).Assembly.GetName().Name))
        {
            return false;
        }

        try
        {
            return assembly.GetTypes().Any(t => !t.IsAbstract && typeof(ModularWebModule).IsAssignableFrom(t));
        }
        catch (ReflectionTypeLoadException)
        {
            return false;
        }
    }
}
