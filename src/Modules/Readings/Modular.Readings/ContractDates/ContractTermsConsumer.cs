using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Outbox;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using NodaTime;

namespace Modular.Readings.ContractDates;

/// <summary>Keeps Readings' copy of contract dates from Accounts' events; a late, older event changes nothing.</summary>
internal sealed class ContractTermsConsumer(ReadingsDbContext db, IClock clock) : InboxEventHandler<ContractTermsChanged, ReadingsDbContext>(db, clock)
{
    protected override string ConsumerName => "readings.contract-terms";

    protected override async Task HandleCoreAsync(ContractTermsChanged integrationEvent, CancellationToken cancellationToken)
    {
        var terms = await Db.ContractTerms.SingleOrDefaultAsync(t => t.ContractId == integrationEvent.ContractId, cancellationToken);
        if (terms is null)
        {
            Db.ContractTerms.Add(new ContractTerms
            {
                ContractId = integrationEvent.ContractId,
                StartDate = integrationEvent.StartDate,
                EndDate = integrationEvent.EndDate,
                ChangedAt = integrationEvent.OccurredAt,
            });
        }
        else if (integrationEvent.OccurredAt >= terms.ChangedAt)
        {
            (terms.StartDate, terms.EndDate, terms.ChangedAt) = (integrationEvent.StartDate, integrationEvent.EndDate, integrationEvent.OccurredAt);
        }
    }
}
