using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace Modular.Web.Hooks;

/// <summary>The contributions pages render: a surface's menu and what modules put in its slots.</summary>
public sealed class WebSlots(IEnumerable<MenuEntry> menu, IEnumerable<SlotEntry> slots)
{
    private readonly IReadOnlyList<MenuEntry> _menu = menu.OrderBy(e => e.Order).ThenBy(e => e.Path, StringComparer.Ordinal).ToList();
    private readonly IReadOnlyList<SlotEntry> _slots = slots.OrderBy(e => e.Order).ThenBy(e => e.Component.FullName, StringComparer.Ordinal).ToList();

    public IReadOnlyList<MenuEntry> Menu(WebSurface surface) => _menu.Where(e => e.Surface == surface).ToList();

    /// <summary>
    /// The one entry of <paramref name="entries"/> the page at <paramref name="path"/> belongs to: the longest entry path
    /// that is the page's path or a parent segment of it (<c>/Pay</c> is not a parent of <c>/Payments</c>); <c>/</c> only for itself.
    /// </summary>
    public static MenuEntry? Current(IReadOnlyList<MenuEntry> entries, PathString path) =>
        entries.Where(e => e.Path == "/" ? path == "/" : path.StartsWithSegments(e.Path, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Path.Length)
            .FirstOrDefault();

    public IReadOnlyList<SlotEntry> In(WebSurface surface, string slot) => _slots.Where(e => e.Surface == surface && e.Slot == slot).ToList();

    /// <summary>Renders every view component in the slot, in order; <paramref name="arguments"/> go to each component's <c>InvokeAsync</c>.</summary>
    public async Task<IHtmlContent> RenderAsync(IViewComponentHelper components, WebSurface surface, string slot, object? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        var html = new HtmlContentBuilder();
        foreach (var entry in In(surface, slot))
        {
            html.AppendHtml(await components.InvokeAsync(entry.Component, arguments));
        }

        return html;
    }
}
