using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Files;
using Modular.Requests.Persistence;
using NodaTime;

namespace Modular.Requests.Acts;

/// <summary>What storing an act found: a new act, the same act already stored, or another act under its number.</summary>
internal enum ActWriteOutcome
{
    Stored,
    Unchanged,
    Changed,
}

/// <summary>
/// Stores a checked act (entry and import share it): compares with an act already stored under the number by content
/// (<see cref="Act.Fingerprint"/>), adds the new act with its readings and its document (through the module's file store), and publishes <see cref="ActRegistered"/>
/// in the same save.
/// </summary>
internal sealed class ActWriter(RequestsDbContext db, IRequestFileStore files, IClock clock)
{
    public async Task<(ActWriteOutcome Outcome, Act Act, bool DocumentAdded)> AddAsync(RegisterAct act, ContractSummary contract, ActSource source, Guid? storedBy,
        CancellationToken cancellationToken)
    {
        var fingerprint = Act.FingerprintOf(contract.ContractNumber, act.Type, act.RegisteredOn, act.Inspector, act.Findings, act.Readings);
        var existing = await db.Acts.SingleOrDefaultAsync(a => a.Number == act.Number, cancellationToken);
        if (existing is not null)
        {
            if (existing.Fingerprint != fingerprint)
            {
                return (ActWriteOutcome.Changed, existing, false);
            }

            // The same act again; a signed document that comes later is added to an act that has none.
            if (existing.DocumentKey is null && act.Document is { } late)
            {
                await AttachDocumentAsync(existing, late, cancellationToken);
                return (ActWriteOutcome.Unchanged, existing, true);
            }

            return (ActWriteOutcome.Unchanged, existing, false);
        }

        var now = clock.GetCurrentInstant();
        var stored = new Act
        {
            Id = Guid.NewGuid(),
            Number = act.Number,
            ContractId = contract.ContractId,
            ContractNumber = contract.ContractNumber,
            CustomerId = contract.CustomerId,
            ServiceAddress = contract.ServiceAddress.Length > 300 ? contract.ServiceAddress[..300] : contract.ServiceAddress,
            Type = act.Type,
            RegisteredOn = act.RegisteredOn,
            Inspector = act.Inspector,
            Findings = act.Findings,
            Source = source,
            Fingerprint = fingerprint,
            StoredAt = now,
            StoredBy = storedBy,
        };
        stored.Readings = act.Readings.Select(r => new ActReading
        {
            Id = Guid.NewGuid(),
            ActId = stored.Id,
            Serial = r.Serial,
            Date = r.Date,
            Index = r.Index,
            State = ActReadingState.Pending,
        }).ToList();
        if (act.Document is { } document)
        {
            await AttachDocumentAsync(stored, document, cancellationToken);
        }

        db.Acts.Add(stored);
        db.Publish(new ActRegistered(Guid.NewGuid(), now, stored.Id, stored.Number, stored.ContractId, stored.CustomerId, stored.Type, stored.RegisteredOn,
            act.Readings));
        return (ActWriteOutcome.Stored, stored, act.Document is not null);
    }

    /// <summary>Through the module's file store: in the act's transaction (database store) or written just before it (folder store).</summary>
    private async Task AttachDocumentAsync(Act act, ActDocumentUpload document, CancellationToken cancellationToken)
    {
        act.DocumentKey = ActDocumentCheck.KeyOf(act.Id);
        act.DocumentName = ActDocumentCheck.FileNameFor(act.Number);
        act.DocumentSize = document.Content.Length;
        await files.SaveAsync(act.DocumentKey, document.Content, cancellationToken);
    }
}
