using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Modular.Core.Access;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Audit;

/// <summary>
/// One row of the append-only audit trail (Core store, <c>core.audit_entries</c>): who (caller kind, staff member or portal
/// user), for whom (customer), what (request or security event and the ids it named), the outcome code, when, where from
/// and through which channel. Nothing else of a request is kept: no password, token, card data or message body.
/// </summary>
internal sealed class AuditEntry
{
    public Guid Id { get; set; }

    public Instant At { get; set; }

    public AuditCategory Category { get; set; }

    public string Action { get; set; } = string.Empty;

    public string Outcome { get; set; } = AuditOutcomes.Ok;

    public CallerKind CallerKind { get; set; }

    public Channel Channel { get; set; }

    public Guid? StaffId { get; set; }

    public Guid? UserId { get; set; }

    public Guid? CustomerId { get; set; }

    public Guid? SubjectId { get; set; }

    public Guid? SessionId { get; set; }

    public string? ClientAddress { get; set; }

    public string? Ids { get; set; }

    public AuditEntryView View() =>
        new(Id, At, Category, Action, Outcome, CallerKind, Channel, StaffId, UserId, CustomerId, SubjectId, SessionId, ClientAddress, Ids);
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>, ICoreEntityConfiguration
{
    public const string Table = "audit_entries";

    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable(Table);
        e.Property(a => a.Category).HasConversion<string>().HasMaxLength(20);
        e.Property(a => a.Action).HasMaxLength(200);
        e.Property(a => a.Outcome).HasMaxLength(200);
        e.Property(a => a.CallerKind).HasConversion<string>().HasMaxLength(20);
        e.Property(a => a.Channel).HasConversion<string>().HasMaxLength(20);
        e.Property(a => a.ClientAddress).HasMaxLength(100);
        e.Property(a => a.Ids).HasMaxLength(1000);
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.CustomerId, a.At });
        e.HasIndex(a => new { a.StaffId, a.At });
        e.HasIndex(a => new { a.UserId, a.At });
        e.HasIndex(a => new { a.SubjectId, a.At });
    }
}
