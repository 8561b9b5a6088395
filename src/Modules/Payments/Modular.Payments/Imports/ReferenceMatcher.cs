using MediatR;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;

namespace Modular.Payments.Imports;

internal sealed record ReferenceMatch(Guid CustomerId, Guid? InvoiceId, string? Currency);

/// <summary>
/// Finds whose money a line is: the structured reference first, else an invoice number or client code found in the
/// remittance text. Answers are cached during an import (a statement repeats the same customers); the matcher belongs to one import
/// at a time and is not thread-safe.
/// </summary>
internal sealed class ReferenceMatcher(IMediator mediator)
{
    private const int MaxCandidates = 12;
    private const int MaxCached = 200_000;
    private static readonly char[] Separators = [' ', ',', ';', ':', '/', '\t', '(', ')', '#'];
    private readonly Dictionary<string, ReferenceMatch?> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<ReferenceMatch?> MatchAsync(string? structured, string? text, CancellationToken cancellationToken)
    {
        // The structured reference is always the first candidate: a known one decides without building the others.
        if (structured is not null && _cache.TryGetValue(structured, out var known) && known is not null)
        {
            return known;
        }

        if (_cache.Count >= MaxCached)
        {
            // A file full of distinct unknown references must not hold them all in memory.
            _cache.Clear();
        }

        foreach (var candidate in Candidates(structured, text))
        {
            if (!_cache.TryGetValue(candidate, out var match))
            {
                match = await LookupAsync(candidate, cancellationToken);
                _cache[candidate] = match;
            }

            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private async Task<ReferenceMatch?> LookupAsync(string candidate, CancellationToken cancellationToken)
    {
        var invoice = await mediator.Send(new FindInvoiceByNumber(candidate), cancellationToken);
        if (invoice.IsSuccess)
        {
            return new ReferenceMatch(invoice.Value.CustomerId, invoice.Value.InvoiceId, invoice.Value.Remaining.Currency.Code);
        }

        var customer = await mediator.Send(new FindCustomerByClientCode(candidate), cancellationToken);
        return customer.IsSuccess ? new ReferenceMatch(customer.Value.CustomerId, null, null) : null;
    }

    /// <summary>The structured reference, the whole text, then its words and word pairs ("AP 000123") that contain a digit.</summary>
    internal static IEnumerable<string> Candidates(string? structured, string? text)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = new List<string>();
        void Add(string? value)
        {
            var trimmed = value?.Trim();
            if (!string.IsNullOrEmpty(trimmed) && trimmed.Length <= 60 && trimmed.Any(char.IsAsciiDigit) && list.Count < MaxCandidates && seen.Add(trimmed))
            {
                list.Add(trimmed);
            }
        }

        Add(structured);
        if (!string.IsNullOrWhiteSpace(text))
        {
            Add(text);
            var words = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < words.Length; i++)
            {
                if (i + 1 < words.Length)
                {
                    Add(words[i] + " " + words[i + 1]);
                }

                Add(words[i]);
            }
        }

        return list;
    }
}
