using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Messaging;
using Modular.Core.Platform;
using Modular.Core.Documents;
using Modular.Core.Results;
using NodaTime;
using NodaTime.Text;

namespace Modular.Core.Audit;

/// <summary>The back office's reads of the audit trail, its CSV export and the retention purge.</summary>
internal sealed class AuditHandlers(CoreDbContext db, IClock clock, IOptions<AuditOptions> options) :
    IRequestHandler<GetAuditTrail, Result<AuditPage>>,
    IRequestHandler<ExportAuditTrail, Result<AuditExport>>,
    IRequestHandler<PurgeAuditTrail, Result<int>>
{
    private const int MaxPageSize = 500;
    private const int MaxExportRows = 100_000;

    public async Task<Result<AuditPage>> Handle(GetAuditTrail request, CancellationToken cancellationToken)
    {
        if (request.Page < 1 || request.PageSize < 1 || request.PageSize > MaxPageSize)
        {
            return Result<AuditPage>.Failure(CoreErrors.Invalid, request.Page < 1 ? "Page" : "PageSize");
        }

        var query = Filter(request.CustomerId, request.StaffId, request.UserId, request.From, request.To);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        return new AuditPage(rows.Select(r => r.View()).ToList(), request.Page, request.PageSize, total);
    }

    public async Task<Result<AuditExport>> Handle(ExportAuditTrail request, CancellationToken cancellationToken)
    {
        var rows = await Filter(request.CustomerId, request.StaffId, request.UserId, request.From, request.To)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(MaxExportRows).ToListAsync(cancellationToken);
        var csv = CsvFiles.Write(rows, ["at", "category", "action", "outcome", "caller", "channel", "staff_id", "user_id", "customer_id", "subject_id",
            "session_id", "client_address", "ids"], (w, r) =>
        {
            foreach (var value in new string?[] { InstantPattern.ExtendedIso.Format(r.At), r.Category.ToString(), r.Action, r.Outcome, r.CallerKind.ToString(), r.Channel.ToString(),
                r.StaffId?.ToString(), r.UserId?.ToString(), r.CustomerId?.ToString(), r.SubjectId?.ToString(), r.SessionId?.ToString(), r.ClientAddress, r.Ids })
            {
                w.WriteField(value ?? string.Empty);
            }
        });
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-{clock.GetCurrentInstant().ToDateTimeUtc():yyyyMMdd-HHmmss}.csv");
        return new AuditExport(name, csv);
    }

    public async Task<Result<int>> Handle(PurgeAuditTrail request, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetCurrentInstant() - Duration.FromDays(options.Value.RetentionDays);
        return await db.Set<AuditEntry>().Where(a => a.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private IQueryable<AuditEntry> Filter(Guid? customerId, Guid? staffId, Guid? userId, Instant? from, Instant? to)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (customerId is { } customer)
        {
            query = query.Where(a => a.CustomerId == customer);
        }

        if (staffId is { } staff)
        {
            query = query.Where(a => a.StaffId == staff || a.SubjectId == staff);
        }

        if (userId is { } user)
        {
            query = query.Where(a => a.UserId == user || a.SubjectId == user);
        }

        if (from is { } start)
        {
            query = query.Where(a => a.At >= start);
        }

        if (to is { } end)
        {
            query = query.Where(a => a.At < end);
        }

        return query;
    }

}
