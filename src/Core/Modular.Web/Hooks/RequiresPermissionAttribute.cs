namespace Modular.Web.Hooks;

/// <summary>
/// On a back-office page model: the staff permission (e.g. <c>core.audit.read</c>) the signed-in staff member's roles must
/// grant for every handler of the page, GET and POST alike. Without it the back office answers "not allowed" and runs
/// nothing. The requests the page sends are checked again by Core against their own declarations. On a handler method
/// (e.g. <c>OnPostReplaceAsync</c>) it adds a permission that handler alone needs, checked the same way.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequiresPermissionAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}
