using Modular.Payments.Contracts;

namespace Modular.Payments.Domain;

/// <summary>
/// A line of an import that was not simply matched (rejected, unmatched, duplicate, reversed, skipped), kept with the
/// import so staff can read its report on a screen: rejected lines carry no money to assign and appear nowhere else.
/// </summary>
internal sealed class PaymentImportLine
{
    private PaymentImportLine()
    {
    }

    public PaymentImportLine(Guid id, Guid importId, ImportLineReport line)
    {
        Id = id;
        ImportId = importId;
        Line = line.Line;
        Key = line.Key;
        Outcome = line.Outcome;
        Amount = line.Amount?.Amount;
        Currency = line.Amount?.Currency.Code;
        Reference = line.Reference;
        Reason = line.Reason;
    }

    public Guid Id { get; private set; }

    public Guid ImportId { get; private set; }

    public int Line { get; private set; }

    public string Key { get; private set; } = null!;

    public ImportLineOutcome Outcome { get; private set; }

    public decimal? Amount { get; private set; }

    public string? Currency { get; private set; }

    public string? Reference { get; private set; }

    public string? Reason { get; private set; }
}
