using System.Threading.Channels;
using Modular.Core.Money;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;

namespace Modular.Payments.Imports;

internal enum PreparedKind
{
    Rejected,
    Skipped,
    Reversal,
    Unmatched,
    Matched,
}

/// <summary>
/// A read line with everything decided that needs no access to the payments tables: whose money it is, and the
/// payment (with its outbox rows) or suspense item it becomes unless the writer finds it is a duplicate.
/// </summary>
internal sealed record PreparedLine(IncomingLine Line, PreparedKind Kind, string? Reason = null, Money? Money = null, string? Reference = null,
    Payment? Payment = null, OutboxMessage[]? Events = null, SuspenseItem? Suspense = null);

/// <summary>
/// The first stage of an import, run beside the database writes: it parses, matches references (through other modules'
/// queries, never the payments context) and builds the rows, so a two-core machine parses and matches the next batch
/// while the previous one is being written.
/// </summary>
internal sealed class LinePreparer(ReferenceMatcher matcher, UtilityClock clock, Currency home, PaymentChannel channel, string source, Guid importId)
{
    public async Task ProduceAsync(IEnumerable<IncomingLine> lines, int batchSize, ChannelWriter<PreparedLine[]> output, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var batch in lines.Chunk(batchSize))
            {
                var prepared = new PreparedLine[batch.Length];
                for (var i = 0; i < batch.Length; i++)
                {
                    prepared[i] = await PrepareAsync(batch[i], cancellationToken);
                }

                await output.WriteAsync(prepared, cancellationToken);
            }
        }
        finally
        {
            // The writer learns of a failure (an unreadable file half-way) by awaiting this task, not from the channel.
            output.TryComplete();
        }
    }

    private async ValueTask<PreparedLine> PrepareAsync(IncomingLine line, CancellationToken cancellationToken)
    {
        if (line.RejectReason is not null)
        {
            return new PreparedLine(line, PreparedKind.Rejected, line.RejectReason);
        }

        if (ImportFields.HasOverlongIdentifier(line))
        {
            return new PreparedLine(ImportFields.Rejected(line, PaymentsErrors.FieldTooLong), PreparedKind.Rejected, PaymentsErrors.FieldTooLong);
        }

        if (!line.IsBooked || (!line.IsCredit && !line.IsReversal) || (line.IsCredit && line.IsReversal))
        {
            // Debits are ours to pay, not to collect; a reversed debit is not money a customer paid us.
            return new PreparedLine(line, PreparedKind.Skipped, line.IsBooked ? PaymentsErrors.Debit : PaymentsErrors.NotBooked);
        }

        var money = Money.Of(line.Amount, line.Currency);
        var reference = ImportFields.Text(CardNumbers.Redact(line.StructuredReference ?? line.Text), ImportFields.MaxReference);
        if (line.IsReversal)
        {
            return new PreparedLine(line, PreparedKind.Reversal, null, money, reference);
        }

        var now = clock.Now;
        var match = await matcher.MatchAsync(line.StructuredReference, line.Text, cancellationToken);
        var reason = match is null
            ? (line.StructuredReference is null && line.Text is null ? PaymentsErrors.NoReference : PaymentsErrors.ReferenceUnknown)
            : (match.Currency ?? home.Code) != money.Currency.Code ? PaymentsErrors.CurrencyMismatch : null;
        if (reason is not null)
        {
            var item = new SuspenseItem(SequentialId.New(now), line.Key, source, money, line.ValueDate, reference, ImportFields.Text(CardNumbers.Redact(line.Payer), ImportFields.MaxPayer), reason,
                importId, now);
            return new PreparedLine(line, PreparedKind.Unmatched, reason, money, reference, Suspense: item);
        }

        var plan = AllocationPlan.ForCustomer(match!.CustomerId, money, match.InvoiceId is { } invoice ? [invoice] : null);
        var payment = Payment.Received(SequentialId.New(now), SequentialId.NewReference(now), plan, channel, line.ValueDate, now, line.Key, source,
            reference, importId, line.Terminal);
        var events = payment.SettledEvents(now).Select(OutboxMessage.From).ToArray();
        return new PreparedLine(line, PreparedKind.Matched, null, money, reference, payment, events);
    }
}
