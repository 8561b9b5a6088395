using System.ComponentModel.DataAnnotations;

namespace Modular.Accounts.Staff;

/// <summary><c>Modular:Accounts:Staff</c>.</summary>
public sealed class StaffOptions
{
    /// <summary>The name authenticator apps show next to a staff member's codes.</summary>
    [Required]
    [MaxLength(100)]
    public string TotpIssuer { get; set; } = "Modular";
}
