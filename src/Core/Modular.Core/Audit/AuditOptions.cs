using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Audit;

/// <summary><c>Modular:Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>How long audit entries are kept; <c>PurgeAuditTrail</c> deletes older ones. Default two years.</summary>
    [Range(30, 36500)]
    public int RetentionDays { get; set; } = 730;
}
