namespace Modular.Backoffice.Web.Pages;

/// <summary>The back office's home: modules' cards (<see cref="Modular.Web.Hooks.Slots.StaffHome"/>) and the menu.</summary>
public sealed class IndexModel : StaffPageModel
{
    public string Email { get; private set; } = string.Empty;

    public void OnGet() => Email = Session?.Email ?? string.Empty;
}
