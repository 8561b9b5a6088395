using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Audit;
using Modular.Core.Platform;

namespace Modular.Core.PersonalData;

/// <summary>Core's section: the audit trail's rows of the user's own actions (and security events about them).</summary>
internal sealed class AuditSection(CoreDbContext db) : IPersonalDataSection
{
    public string Name => "audit";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var rows = db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.UserId == subject.UserId || (a.SubjectId == subject.UserId && a.StaffId == null))
            .OrderBy(a => a.At).AsAsyncEnumerable();
        await writer.WriteCsvAsync("my-actions", "The audit trail of your own actions: sign-ins, password and email changes, sessions and tokens",
            ["at", "action", "outcome", "channel", "client_address", "session_id", "ids"], rows,
            a => [a.At.ToString(null, CultureInfo.InvariantCulture), a.Action, a.Outcome, a.Channel.ToString(), a.ClientAddress,
                a.SessionId?.ToString(), a.Ids], cancellationToken);
    }
}
