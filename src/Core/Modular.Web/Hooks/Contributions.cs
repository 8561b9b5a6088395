using System.Reflection;

namespace Modular.Web.Hooks;

/// <summary>
/// A menu entry: shown on its surface in <see cref="Order"/>, its label the text <see cref="TextKey"/> in the page's language;
/// on the back office only to staff whose roles grant <see cref="Permission"/> (when given).
/// </summary>
public sealed record MenuEntry(WebSurface Surface, string Path, string TextKey, int Order, string? Permission = null);

/// <summary>A view component rendered in a <see cref="Slots">slot</see> of a surface's pages, in <see cref="Order"/>.</summary>
public sealed record SlotEntry(WebSurface Surface, string Slot, Type Component, int Order);

/// <summary>What a personal access token may be allowed to do on the API; its label is the text <see cref="TextKey"/>.</summary>
public sealed record TokenScope(string Name, string TextKey, int Order);

/// <summary>A package whose pages, view components, texts and embedded <c>assets/</c> the shell serves.</summary>
internal sealed record WebPackage(Assembly Assembly);

/// <summary>Endpoints a module maps outside the API (e.g. a gateway's callbacks).</summary>
internal sealed record EndpointsEntry(string Module, Action<IEndpointRouteBuilder> Map);

/// <summary>Endpoints a module maps on a surface's API group (<c>/api/v1</c> for the portal, behind a personal access token).</summary>
internal sealed record ApiEntry(string Module, WebSurface Surface, Action<RouteGroupBuilder> Map);
