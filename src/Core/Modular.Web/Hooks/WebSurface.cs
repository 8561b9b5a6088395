namespace Modular.Web.Hooks;

/// <summary>
/// A web surface the shell serves: its pages (Razor Pages at the root for the portal, in an area for the others), its
/// path, its menu and its dashboard. Every contribution names the surface it belongs to. The shell ships the customer
/// portal; the staff back office (<c>/staff</c>) and the kiosk (<c>/kiosk</c>) are named here so that modules can
/// already say where a contribution goes, and are served once a package adds them (see docs/architecture.md).
/// </summary>
/// <param name="Name">Stable name, e.g. <c>portal</c>.</param>
/// <param name="PathBase">Where its pages are: <c>/</c>, <c>/staff</c>, <c>/kiosk</c>.</param>
/// <param name="Area">The Razor Pages area holding its pages (none for the portal).</param>
public sealed record WebSurface(string Name, string PathBase, string? Area)
{
    /// <summary>The customer portal at <c>/</c> and its API at <c>/api/v1</c>.</summary>
    public static readonly WebSurface Portal = new("portal", "/", null);

    /// <summary>The staff back office, mounted under <c>/staff</c> (area <c>Staff</c>).</summary>
    public static readonly WebSurface Staff = new("staff", "/staff", "Staff");

    /// <summary>The self-service kiosk, mounted under <c>/kiosk</c> (area <c>Kiosk</c>).</summary>
    public static readonly WebSurface Kiosk = new("kiosk", "/kiosk", "Kiosk");

    /// <summary>The surface of a page, from its area route value.</summary>
    public static WebSurface Of(string? area) =>
        string.Equals(area, Staff.Area, StringComparison.OrdinalIgnoreCase) ? Staff
        : string.Equals(area, Kiosk.Area, StringComparison.OrdinalIgnoreCase) ? Kiosk
        : Portal;
}

/// <summary>
/// Registered by the package that serves a surface other than the portal (the back office's <c>.AddBackoffice()</c>):
/// without it, the pages modules' UI packages bring for that surface answer 404 instead of running without its sign-in.
/// </summary>
public sealed record ServedSurface(WebSurface Surface);

/// <summary>Places on the shipped pages that modules fill with view components (see <see cref="WebContributions.AddToSlot{TComponent}"/>).</summary>
public static class Slots
{
    /// <summary>Alerts above the dashboard's cards (overdue invoices, an open reading window, no linked client code).</summary>
    public const string DashboardAlerts = "dashboard.alerts";

    /// <summary>The dashboard's cards (balance, latest invoice, reading window).</summary>
    public const string DashboardCards = "dashboard.cards";

    /// <summary>Under each contract on the contracts page; the component receives <c>contractId</c> (Guid).</summary>
    public const string ContractDetails = "accounts.contract";

    /// <summary>
    /// Where an invoice or a balance may be paid (dashboard, overdue alert, invoice page); the component receives
    /// <c>invoiceId</c> (Guid?, none for the balance) and <c>style</c> (<c>button</c>, <c>secondary</c> or <c>link</c>).
    /// </summary>
    public const string PayAction = "billing.pay";

    /// <summary>
    /// Sections of the back office's customer page (meters and readings, invoices, payments, …); the component receives
    /// <c>customerId</c> (Guid), <c>contractIds</c> (the customer's contracts, IReadOnlyList    /// <c>customerId</c> (Guid) and <c>actingFor</c> (Guid?, the customer the staff member acts on behalf of, if any).lt;Guid    /// <c>customerId</c> (Guid) and <c>actingFor</c> (Guid?, the customer the staff member acts on behalf of, if any).gt;) and <c>actingFor</c> (Guid?, the
    /// customer the staff member acts on behalf of, if any).
    /// </summary>
    public const string StaffCustomer = "staff.customer";

    /// <summary>Cards of the back office's home page; the component receives nothing.</summary>
    public const string StaffHome = "staff.home";
}
